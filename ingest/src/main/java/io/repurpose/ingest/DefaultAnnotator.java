package io.repurpose.ingest;

import io.repurpose.nlp.TextAnnotator;

/** The production annotator of the nlp module, loaded once per process. */
final class DefaultAnnotator {
    private DefaultAnnotator() {
    }

    static TextAnnotator load(java.nio.file.Path sharedData, java.nio.file.Path modelDir) {
        throw new IllegalStateException("the nlp module's CoreNlpAnnotator has not landed yet; "
                + "pass --annotator-class");
    }
}
