package io.repurpose.ingest;

import java.nio.file.Path;

import io.repurpose.nlp.CoreNlpAnnotator;
import io.repurpose.nlp.NlpConfig;
import io.repurpose.nlp.TextAnnotator;

/** The production annotator of the nlp module, loaded once per process (5–20 s). */
final class DefaultAnnotator {
    private DefaultAnnotator() {
    }

    /**
     * @param sharedData the shared data folder with {@code lexicons/}
     * @param modelDir   trained NLP models, or null for the nlp module's default ({@code data/models/nlp})
     */
    static TextAnnotator load(Path sharedData, Path modelDir) {
        NlpConfig config = new NlpConfig(sharedData, modelDir == null ? NlpConfig.defaults().modelDir() : modelDir);
        return CoreNlpAnnotator.load(config);
    }
}
