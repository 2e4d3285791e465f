package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.ContextFlag;
import io.repurpose.nlp.EntityType;
import io.repurpose.nlp.Mention;
import io.repurpose.nlp.Relation;
import io.repurpose.nlp.RelationType;
import io.repurpose.nlp.Sentence;
import io.repurpose.nlp.TextAnnotator;

/**
 * A fast, predictable stand-in for the CoreNLP annotator in tests: a dictionary of compounds and diseases
 * matched case-insensitively as whole words; sentences end at ". "; a sentence with a compound, a disease
 * and a treatment word (treat..., effective, improved, reduced) is a TREATS relation, negated when it says
 * "not". {@link #ofNodes} reads the dictionary from a Hetionet-layout node file (the demo test);
 * {@link KeywordAnnotator} is the two-word dictionary of the API tests.
 */
final class DictionaryAnnotator implements TextAnnotator {
    private static final Pattern TREATMENT = Pattern.compile("\\b(treat\\w*|effective|improved|reduced)\\b");

    /**
     * One dictionary word.
     *
     * @param type what it names
     * @param id   the identifier mentions get
     * @param name the canonical name mentions get
     * @param text what is matched (whole words, any case)
     */
    record Term(EntityType type, String id, String name, String text) {
    }

    private record Entry(Term term, Pattern pattern) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final String version;

    DictionaryAnnotator(List<Term> terms, String version) {
        for (Term t : terms) {
            entries.add(new Entry(t, Pattern.compile("\\b" + Pattern.quote(t.text().toLowerCase(Locale.ROOT))
                    + "\\b")));
        }
        // longer words first, so "type 2 diabetes mellitus" wins over a shorter name inside it
        entries.sort(Comparator.comparingInt((Entry e) -> -e.term().text().length()));
        this.version = version;
    }

    /** The compounds and diseases of a Hetionet-layout node TSV (id, name, kind), e.g. demo/graph/nodes.tsv. */
    static DictionaryAnnotator ofNodes(Path nodesTsv) {
        List<Term> terms = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(nodesTsv);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                EntityType type = switch (f[2]) {
                    case "Compound" -> EntityType.CHEMICAL;
                    case "Disease" -> EntityType.DISEASE;
                    default -> null;
                };
                if (type != null) {
                    terms.add(new Term(type, f[0].substring(f[0].indexOf("::") + 2), f[1], f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DictionaryAnnotator(terms, "demo-dictionary-test-1");
    }

    @Override
    public AnnotatedDocument annotate(String documentId, String text) {
        List<Sentence> sentences = new ArrayList<>();
        List<Mention> mentions = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(". ", start);
            end = end < 0 ? text.length() : end + 1;
            String part = text.substring(start, end);
            Sentence sentence = new Sentence(sentences.size(), start, end, part);
            sentences.add(sentence);
            String lower = part.toLowerCase(Locale.ROOT);
            boolean negated = lower.contains(" not ");
            Map<Integer, Mention> found = new TreeMap<>();
            boolean[] taken = new boolean[part.length()];
            for (Entry e : entries) {
                Term t = e.term();
                Matcher m = e.pattern().matcher(lower);
                while (m.find()) {
                    if (taken[m.start()] || taken[m.end() - 1]) {
                        continue;
                    }
                    for (int i = m.start(); i < m.end(); i++) {
                        taken[i] = true;
                    }
                    Set<ContextFlag> flags = negated && t.type() == EntityType.DISEASE ? Set.of(ContextFlag.NEGATED)
                            : Set.of();
                    found.put(m.start(), new Mention(t.type(), part.substring(m.start(), m.end()), start + m.start(),
                            start + m.end(), sentence.index(), t.id(), t.name(), null, 0.99, flags));
                }
            }
            mentions.addAll(found.values());
            if (TREATMENT.matcher(lower).find()) {
                for (Mention c : found.values()) {
                    for (Mention d : found.values()) {
                        if (c.type() == EntityType.CHEMICAL && d.type() == EntityType.DISEASE) {
                            relations.add(new Relation(RelationType.TREATS, c, d, 0.9, List.of("treat"), negated));
                        }
                    }
                }
            }
            start = end;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
        }
        return new AnnotatedDocument(documentId, sentences, mentions, relations, modelVersion());
    }

    @Override
    public String modelVersion() {
        return version;
    }
}
