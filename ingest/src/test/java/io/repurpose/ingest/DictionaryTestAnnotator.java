package io.repurpose.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * TEST FIXTURE, not an NLP method: a tiny dictionary annotator with predictable output, so pipeline tests
 * can state exact evidence counts. Sentences split at {@code . ! ?}; every chemical–disease pair in a
 * sentence is TREATS (CAUSES when the sentence says "induc"/"caus"), chemical–gene TARGETS, gene–disease
 * ASSOCIATED_WITH; a sentence with "not"/"no"/"without" is negated, with "may"/"whether" hypothetical.
 * The system property {@code repurpose.test.annotatorDelayMs} slows it down (for the kill -9 test).
 */
public final class DictionaryTestAnnotator implements TextAnnotator {
    static final String VERSION = "dictionary-test-fixture-1";

    /** term → type, id (null: a mention that cannot be normalised), name. */
    static final Map<String, String[]> TERMS = Map.ofEntries(
            Map.entry("budesonide", new String[] {"CHEMICAL", "DB01222", "Budesonide"}),
            Map.entry("formoterol", new String[] {"CHEMICAL", "DB00983", "Formoterol"}),
            Map.entry("terbutaline", new String[] {"CHEMICAL", "DB00871", "Terbutaline"}),
            Map.entry("clonidine", new String[] {"CHEMICAL", "DB00575", "Clonidine"}),
            Map.entry("naloxone", new String[] {"CHEMICAL", "DB01183", "Naloxone"}),
            Map.entry("aspirin", new String[] {"CHEMICAL", "DB00945", "Acetylsalicylic acid"}),
            Map.entry("metformin", new String[] {"CHEMICAL", "DB00331", "Metformin"}),
            Map.entry("loratadine", new String[] {"CHEMICAL", "DB00455", "Loratadine"}),
            Map.entry("ibuprofen", new String[] {"CHEMICAL", "DB01050", "Ibuprofen"}),
            Map.entry("warfarin", new String[] {"CHEMICAL", "DB00682", "Warfarin"}),
            Map.entry("doxorubicin", new String[] {"CHEMICAL", "DB00997", "Doxorubicin"}),
            Map.entry("lisinopril", new String[] {"CHEMICAL", "DB00722", "Lisinopril"}),
            Map.entry("gefitinib", new String[] {"CHEMICAL", "DB00317", "Gefitinib"}),
            Map.entry("nalozone", new String[] {"CHEMICAL", null, null}),
            Map.entry("asthma", new String[] {"DISEASE", "DOID:2841", "asthma"}),
            Map.entry("hypertension", new String[] {"DISEASE", "DOID:10763", "hypertension"}),
            Map.entry("diabetes", new String[] {"DISEASE", "DOID:9351", "diabetes mellitus"}),
            Map.entry("allergic rhinitis", new String[] {"DISEASE", "DOID:4481", "allergic rhinitis"}),
            Map.entry("breast cancer", new String[] {"DISEASE", "DOID:1612", "breast cancer"}),
            Map.entry("obesity", new String[] {"DISEASE", "DOID:9970", "obesity"}),
            Map.entry("arthritis", new String[] {"DISEASE", "DOID:848", "arthritis"}),
            Map.entry("schizophrenia", new String[] {"DISEASE", "DOID:5419", "schizophrenia"}),
            Map.entry("egfr", new String[] {"GENE", "1956", "EGFR"}),
            Map.entry("tnf", new String[] {"GENE", "7124", "TNF"}));

    private static final Pattern TERM;
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s+|$)");

    static {
        List<String> keys = new ArrayList<>(TERMS.keySet());
        keys.sort((a, b) -> b.length() - a.length());
        TERM = Pattern.compile("\\b(" + String.join("|", keys.stream().map(Pattern::quote).toList()) + ")\\b",
                Pattern.CASE_INSENSITIVE);
    }

    private final long delayMs = Long.getLong("repurpose.test.annotatorDelayMs", 0L);

    @Override
    public AnnotatedDocument annotate(String documentId, String text) {
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (text.contains("\u0000")) {
            throw new IllegalArgumentException("text holds a NUL character");
        }
        List<Sentence> sentences = new ArrayList<>();
        Matcher end = SENTENCE_END.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int stop;
            int next;
            if (end.find(start)) {
                stop = end.start() + 1;
                next = end.end();
            } else {
                stop = text.length();
                next = text.length();
            }
            String s = text.substring(start, stop);
            int lead = s.length() - s.stripLeading().length();
            if (!s.isBlank()) {
                sentences.add(new Sentence(sentences.size(), start + lead, start + lead + s.strip().length(),
                        s.strip()));
            }
            start = next;
        }
        List<Mention> mentions = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (Sentence s : sentences) {
            String lower = " " + s.text().toLowerCase(Locale.ROOT) + " ";
            Set<ContextFlag> flags = EnumSet.noneOf(ContextFlag.class);
            if (lower.matches(".*\\b(not|no|without)\\b.*")) {
                flags.add(ContextFlag.NEGATED);
            }
            if (lower.matches(".*\\b(may|whether)\\b.*")) {
                flags.add(ContextFlag.HYPOTHETICAL);
            }
            List<Mention> inSentence = new ArrayList<>();
            Matcher m = TERM.matcher(s.text());
            while (m.find()) {
                String[] t = TERMS.get(m.group(1).toLowerCase(Locale.ROOT));
                Mention mention = new Mention(EntityType.valueOf(t[0]), m.group(1), s.start() + m.start(),
                        s.start() + m.end(), s.index(), t[1], t[2], Map.of(), 0.9, flags);
                inSentence.add(mention);
            }
            mentions.addAll(inSentence);
            boolean causes = lower.contains("induc") || lower.contains("caus");
            for (Mention a : inSentence) {
                for (Mention b : inSentence) {
                    RelationType type = null;
                    if (a.type() == EntityType.CHEMICAL && b.type() == EntityType.DISEASE) {
                        type = causes ? RelationType.CAUSES : RelationType.TREATS;
                    } else if (a.type() == EntityType.CHEMICAL && b.type() == EntityType.GENE) {
                        type = RelationType.TARGETS;
                    } else if (a.type() == EntityType.GENE && b.type() == EntityType.DISEASE) {
                        type = RelationType.ASSOCIATED_WITH;
                    }
                    if (type != null) {
                        relations.add(new Relation(type, a, b, 0.8, List.of(), !flags.isEmpty()));
                    }
                }
            }
        }
        return new AnnotatedDocument(documentId, sentences, mentions, relations, VERSION);
    }

    @Override
    public String modelVersion() {
        return VERSION;
    }
}
