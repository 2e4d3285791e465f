package io.repurpose.nlp;

/**
 * Turns text into normalised mentions and relations. Implementations are thread-safe: one instance
 * (one loaded CoreNLP pipeline, lexicon index and relation model) serves every worker of a process.
 */
public interface TextAnnotator {

    /**
     * Annotates one document.
     *
     * @param documentId the caller's id, carried into the result
     * @param text       the text (title and abstract, or a clinical note)
     * @return sentences, mentions and relations with their evidence
     * @throws IllegalArgumentException for text it cannot handle, with a message that says why
     */
    AnnotatedDocument annotate(String documentId, String text);

    /** Version of the lexicon and models, recorded with everything this annotator produces. */
    String modelVersion();
}
