package io.repurpose.nlp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of the nlp module. Only {@code api} binds it from configuration; modules and tests build it.
 *
 * @param sharedData        the shared data folder (lexicons/, hetionet/, corpora/)
 * @param modelDir          where trained artefacts live: {@code ner-crf.ser.gz}, {@code relations.model},
 *                          {@code lexicon-train.tsv} (written by {@link NlpTrain}); missing files mean
 *                          "dictionary only" mention detection and no relation classifier
 * @param maxTextChars      longest text accepted by {@code annotate}; longer input is refused with a clear error
 * @param maxParseTokens    sentences longer than this are not dependency-parsed (their pairs get no path features)
 * @param relationThreshold minimum classifier probability for a relation to be emitted
 * @param useCrf            use the trained CRF for chemical/disease mentions when {@code ner-crf.ser.gz} exists
 */
public record NlpConfig(Path sharedData, Path modelDir, int maxTextChars, int maxParseTokens,
                        double relationThreshold, boolean useCrf) {

    public static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;
    public static final int DEFAULT_MAX_PARSE_TOKENS = 80;
    public static final double DEFAULT_RELATION_THRESHOLD = 0.5;

    public NlpConfig {
        Objects.requireNonNull(sharedData, "sharedData");
        Objects.requireNonNull(modelDir, "modelDir");
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be positive: " + maxTextChars);
        }
        if (maxParseTokens < 2) {
            throw new IllegalArgumentException("maxParseTokens must be at least 2: " + maxParseTokens);
        }
        if (!(relationThreshold >= 0 && relationThreshold <= 1)) {
            throw new IllegalArgumentException("relationThreshold outside [0,1]: " + relationThreshold);
        }
    }

    /** sharedData and modelDir given, everything else at its default. */
    public NlpConfig(Path sharedData, Path modelDir) {
        this(sharedData, modelDir, DEFAULT_MAX_TEXT_CHARS, DEFAULT_MAX_PARSE_TOKENS, DEFAULT_RELATION_THRESHOLD, true);
    }

    /** Defaults relative to the working directory: {@code ../shared/data} and {@code data/models/nlp}. */
    public static NlpConfig defaults() {
        return new NlpConfig(Path.of("..", "shared", "data"), Path.of("data", "models", "nlp"));
    }

    public NlpConfig withModelDir(Path dir) {
        return new NlpConfig(sharedData, dir, maxTextChars, maxParseTokens, relationThreshold, useCrf);
    }

    public NlpConfig withUseCrf(boolean use) {
        return new NlpConfig(sharedData, modelDir, maxTextChars, maxParseTokens, relationThreshold, use);
    }

    Path lexicons() {
        return sharedData.resolve("lexicons");
    }

    Path crfModel() {
        return modelDir.resolve("ner-crf.ser.gz");
    }

    Path relationModel() {
        return modelDir.resolve("relations.model");
    }

    /** The relation classifier without dependency-path features: decides confident pairs without a parse. */
    Path surfaceRelationModel() {
        return modelDir.resolve("relations-surface.model");
    }

    /** The document-level chemical→disease (CID) pair classifier. */
    Path pairModel() {
        return modelDir.resolve("pairs.model");
    }

    /** Session 13 ({@code pairs.treatsModel}): the chemical→disease TREATS pair model, trained on BioRED only. */
    Path pairTreatsModel() {
        return modelDir.resolve("pairs-treats.model");
    }

    /** Session 13 ({@code pairs.otherFamiliesLearner}): the pair model of the families other than chemical→disease. */
    Path pairOthersModel() {
        return modelDir.resolve("pairs-others.model");
    }

    /** Per-family decision thresholds of the pair model, chosen by cross-validation on the train splits. */
    Path pairThresholds() {
        return modelDir.resolve("pairs.thresholds");
    }

    Path trainLexicon() {
        return modelDir.resolve("lexicon-train.tsv");
    }
}
