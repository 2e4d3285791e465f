package io.repurpose.nlp;

import java.util.List;
import java.util.Objects;

/**
 * What the NLP pipeline found in one document.
 *
 * @param documentId   the caller's document id
 * @param sentences    the sentences, in order
 * @param mentions     entity mentions, in document order
 * @param relations    relations, each within one sentence
 * @param modelVersion version of the lexicon and relation model that produced this (provenance)
 */
public record AnnotatedDocument(String documentId, List<Sentence> sentences, List<Mention> mentions,
                                List<Relation> relations, String modelVersion) {
    public AnnotatedDocument {
        Objects.requireNonNull(documentId, "documentId");
        sentences = List.copyOf(sentences);
        mentions = List.copyOf(mentions);
        relations = List.copyOf(relations);
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
