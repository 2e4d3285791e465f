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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dictionary names the training corpora do not annotate, learned from the train splits (session 4). After the CRF,
 * the lexicon fills tokens it left untagged; some DrugBank/DO names are ordinary words there ("contrast", "salt",
 * "milk", "same" for SAMe). For every chemical/disease match of the DrugBank/DO/Hetionet lexicon (training-corpus
 * names excluded, they would be annotated in sample; Hetionet side-effect names counted when loaded) in the train documents, the table counts how often the match
 * was exactly a gold mention of that type and how often not; a name matched at least {@value #MIN_COUNT} times and
 * annotated in less than {@value #MAX_SHARE} of them is no longer used to fill. Thresholds fixed before measuring.
 */
final class FillStops {

    static final String FILE = "fill-stops.tsv";
    static final int MIN_COUNT = 3;
    /** Side-effect names (session 8) are refused from one unannotated match on: MedDRA holds many non-disease terms. */
    static final int MIN_COUNT_SIDE_EFFECT = 1;
    static final double MAX_SHARE = 1.0 / 3;

    private final Set<String> refused;

    private FillStops(Set<String> refused) {
        this.refused = refused;
    }

    static String key(EntityType type, String[] keys, int start, int end) {
        return type + "\t" + String.join(" ", java.util.Arrays.asList(keys).subList(start, end));
    }

    /**
     * Counts [annotated, not annotated, 1 when only a side-effect name matched there] per type and name over the given
     * train documents.
     */
    static Map<String, int[]> count(List<PubTator.Doc> docs, StanfordCoreNLP tokenizer, MentionFinder finder) {
        Map<String, int[]> counts = new HashMap<>();
        for (PubTator.Doc d : docs) {
            Set<String> gold = new HashSet<>();
            for (PubTator.Annotation a : d.annotations()) {
                gold.add(a.start() + ":" + a.end() + ":" + PubTator.entityType(a.type()));
            }
            Annotation ann = new Annotation(CoreNlpAnnotator.sentenceFriendly(Evaluation.inputText(d)));
            tokenizer.annotate(ann);
            for (CoreMap s : ann.get(CoreAnnotations.SentencesAnnotation.class)) {
                List<CoreLabel> toks = s.get(CoreAnnotations.TokensAnnotation.class);
                String[] keys = MentionFinder.keys(toks);
                Set<String> withoutSideEffects = new HashSet<>();
                for (MentionFinder.Span sp : finder.dictionary(keys, Lexicon.NOT_IN_CRF_FEATURE)) {
                    withoutSideEffects.add(sp.start() + ":" + sp.end() + ":" + sp.resolution().type());
                }
                for (MentionFinder.Span sp : finder.dictionary(keys, Lexicon.NOT_COUNTED_FOR_FILL)) {
                    EntityType t = sp.resolution().type();
                    if (t == EntityType.GENE) {
                        continue;
                    }
                    int[] c = counts.computeIfAbsent(key(t, keys, sp.start(), sp.end()), k -> new int[3]);
                    if (!withoutSideEffects.contains(sp.start() + ":" + sp.end() + ":" + t)) {
                        c[2] = 1;
                    }
                    int cs = toks.get(sp.start()).beginPosition();
                    int ce = toks.get(sp.end() - 1).endPosition();
                    c[gold.contains(cs + ":" + ce + ":" + t) ? 0 : 1]++;
                }
            }
        }
        return counts;
    }

    static boolean refuses(int[] c) {
        int min = c.length > 2 && c[2] == 1 ? MIN_COUNT_SIDE_EFFECT : MIN_COUNT;
        return c[0] + c[1] >= min && c[0] < MAX_SHARE * (c[0] + c[1]);
    }

    /** Writes the refused names: type, name, annotated, not annotated. Returns how many. */
    static int write(Map<String, int[]> counts, Path file) {
        int n = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("# lexicon names not used to fill after the CRF (train splits only): type, name, annotated, not annotated");
            for (Map.Entry<String, int[]> e : new TreeMap<>(counts).entrySet()) {
                if (refuses(e.getValue())) {
                    w.println(e.getKey() + "\t" + e.getValue()[0] + "\t" + e.getValue()[1]);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return n;
    }

    /** The table, or null when the model dir has none. */
    static FillStops read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Set<String> refused = new HashSet<>();
        for (String[] f : rows(file)) {
            refused.add(f[0] + "\t" + f[1]);
        }
        return new FillStops(refused);
    }

    /** The tab-separated rows of a model table, without its comment and blank lines. */
    static List<String[]> rows(Path file) {
        try {
            List<String[]> out = new java.util.ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    out.add(line.split("\t"));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** True when the lexicon match [start, end) of this type must not fill. */
    boolean refuses(EntityType type, String[] keys, int start, int end) {
        return refused.contains(key(type, keys, start, end));
    }

    int size() {
        return refused.size();
    }
}
