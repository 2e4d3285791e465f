package io.repurpose.nlp;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Short case-sensitive names learned from BC5CDR train (session 6): the lexicon matches normalised keys of at least
 * three characters, so element and ion symbols and short abbreviations that the corpus annotates ("Na", "K", "DA",
 * "Mg") are never filled. A token of at most {@value #MAX_LENGTH} characters with an upper-case letter that stood
 * alone as a gold chemical/disease mention at least {@value #MIN_COUNT} times, and in at least {@value #MIN_SHARE} of
 * its occurrences as a token, in at least {@value #MIN_DOCS} documents (most short forms are one abstract's own
 * abbreviation), fills an untagged token with its commoner type. Thresholds fixed before measuring.
 */
final class ShortNames {

    static final String FILE = "short-names.tsv";
    static final int MAX_LENGTH = 3;
    static final int MIN_COUNT = 3;
    static final double MIN_SHARE = 0.7;
    static final int MIN_DOCS = 2;

    private final Map<String, EntityType> types;

    private ShortNames(Map<String, EntityType> types) {
        this.types = types;
    }

    static boolean candidate(String word) {
        return word.length() <= MAX_LENGTH && word.chars().anyMatch(Character::isUpperCase);
    }

    /** Counts [as chemical, as disease, occurrences, documents annotated in] per candidate token word. */
    static Map<String, int[]> count(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer) {
        Map<String, int[]> counts = new HashMap<>();
        for (PubTator.Doc d : docs) {
            java.util.Set<String> annotatedHere = new java.util.HashSet<>();
            Map<String, EntityType> gold = new HashMap<>();
            for (PubTator.Annotation a : d.annotations()) {
                EntityType t = PubTator.entityType(a.type());
                if (t == EntityType.CHEMICAL || t == EntityType.DISEASE) {
                    gold.put(a.start() + ":" + a.end(), t);
                }
            }
            Annotation ann = new Annotation(CoreNlpAnnotator.sentenceFriendly(Evaluation.inputText(d)));
            tokenizer.annotate(ann);
            for (CoreMap s : ann.get(CoreAnnotations.SentencesAnnotation.class)) {
                for (CoreLabel t : s.get(CoreAnnotations.TokensAnnotation.class)) {
                    if (!candidate(t.word())) {
                        continue;
                    }
                    int[] c = counts.computeIfAbsent(t.word(), k -> new int[4]);
                    EntityType g = gold.get(t.beginPosition() + ":" + t.endPosition());
                    if (g != null) {
                        c[g == EntityType.CHEMICAL ? 0 : 1]++;
                        if (annotatedHere.add(t.word())) {
                            c[3]++;
                        }
                    }
                    c[2]++;
                }
            }
        }
        return counts;
    }

    static boolean accepts(int[] c) {
        int annotated = c[0] + c[1];
        return annotated >= MIN_COUNT && annotated >= MIN_SHARE * c[2] && c[3] >= MIN_DOCS;
    }

    /** Writes the accepted names: word, type, as chemical, as disease, occurrences. Returns how many. */
    static int write(Map<String, int[]> counts, Path file) {
        int n = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("# short case-sensitive names that fill untagged tokens (BC5CDR train): word, type, chemical, disease, occurrences, documents");
            for (Map.Entry<String, int[]> e : new TreeMap<>(counts).entrySet()) {
                int[] c = e.getValue();
                if (accepts(c)) {
                    w.println(e.getKey() + "\t" + (c[0] >= c[1] ? EntityType.CHEMICAL : EntityType.DISEASE) + "\t" + c[0]
                            + "\t" + c[1] + "\t" + c[2] + "\t" + c[3]);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return n;
    }

    /** The table, or null when the model dir has none. */
    static ShortNames read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Map<String, EntityType> types = new HashMap<>();
        for (String[] f : FillStops.rows(file)) {
            types.put(f[0], EntityType.valueOf(f[1]));
        }
        return new ShortNames(types);
    }

    /** The type this exact token fills as, or null. */
    EntityType type(String word) {
        return types.get(word);
    }

    int size() {
        return types.size();
    }
}
