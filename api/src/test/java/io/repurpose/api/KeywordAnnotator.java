package io.repurpose.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.ContextFlag;
import io.repurpose.nlp.EntityType;
import io.repurpose.nlp.Mention;
import io.repurpose.nlp.Relation;
import io.repurpose.nlp.RelationType;
import io.repurpose.nlp.Sentence;
import io.repurpose.nlp.TextAnnotator;

/**
 * A fast stand-in for the CoreNLP annotator in API tests (configured as repurpose.ingest.annotator):
 * sentences split on '.', "metformin" is DB00331, "type 2 diabetes" is DOID:9352, and a sentence
 * holding both with "treat" in it is a TREATS relation; "not" negates it.
 */
public final class KeywordAnnotator implements TextAnnotator {
    @Override
    public AnnotatedDocument annotate(String documentId, String text) {
        List<Sentence> sentences = new ArrayList<>();
        List<Mention> mentions = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        int start = 0;
        for (String part : text.split("(?<=\\.)")) {
            int s = text.indexOf(part, start);
            Sentence sentence = new Sentence(sentences.size(), s, s + part.length(), part.strip());
            sentences.add(sentence);
            start = s + part.length();
            String lower = part.toLowerCase(Locale.ROOT);
            boolean negated = lower.contains(" not ");
            Set<ContextFlag> flags = negated ? Set.of(ContextFlag.NEGATED) : Set.of();
            int d = lower.indexOf("metformin");
            int t = lower.indexOf("type 2 diabetes");
            Mention drug = d < 0 ? null : new Mention(EntityType.CHEMICAL, part.substring(d, d + 9), s + d, s + d + 9,
                    sentence.index(), "DB00331", "Metformin", null, 0.99, Set.of());
            Mention disease = t < 0 ? null : new Mention(EntityType.DISEASE, part.substring(t, t + 15), s + t,
                    s + t + 15, sentence.index(), "DOID:9352", "type 2 diabetes mellitus", null, 0.99, flags);
            if (drug != null) {
                mentions.add(drug);
            }
            if (disease != null) {
                mentions.add(disease);
            }
            if (drug != null && disease != null && lower.contains("treat")) {
                relations.add(new Relation(RelationType.TREATS, drug, disease, 0.9, List.of("treat"), negated));
            }
        }
        return new AnnotatedDocument(documentId, sentences, mentions, relations, modelVersion());
    }

    @Override
    public String modelVersion() {
        return "keyword-test-1";
    }
}
