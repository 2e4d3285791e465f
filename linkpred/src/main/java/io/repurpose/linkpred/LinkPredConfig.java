package io.repurpose.linkpred;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes a link-prediction model, with defaults ({@link #defaults()}).
 *
 * @param modelDirectory      where {@link LinkPredictor#save()} writes the model (default {@code data/models/linkpred})
 * @param seed                seed of every random step (negative sampling, folds, embeddings, SGD)
 * @param damping             DWPC damping exponent w (Himmelstein et al. 2017 use 0.4)
 * @param minMetapathLength   shortest Compound→Disease metapath used as a feature (2)
 * @param maxMetapathLength   longest metapath (3)
 * @param relationshipTypes   relationship types projected from Neo4j; empty = every type present except
 *                            {@code PREDICTS_*} (this module's own output)
 * @param treatsType          the relationship type to predict
 * @param embeddings          which FastRP to use: GDS in the server, the in-project one, or GDS when available
 * @param embeddingDimension  FastRP dimension
 * @param negativesPerPositive sampled negative pairs per positive pair in training (default 50; 200 raised CV AUPRC
 *                            by about 0.01 ({@code LinkPredCli tune --variants neg --seed 7}; 0.4671 → 0.4742 on
 *                            seed 42) but its pipeline benchmark reached the 4 GB heap cap (2.16 GB with 50), so it
 *                            is not the default; {@code LinkPredCli --negatives 200} selects it; linkpred/README.md).
 *                            Per bag since session 8: the rows hold {@link ModelTrainer#BAGS} times as many, split
 *                            into that many disjoint bags of this many per positive, one model per bag
 * @param epochs              SGD epochs
 * @param learningRate        AdaGrad learning rate (the iterates are averaged: Tribuo's {@code ParameterAveraging})
 * @param minibatchSize       SGD minibatch size
 * @param writeTopPerDrug     predictions written back per drug (0 = none)
 * @param writeTopPerDisease  predictions written back per disease (0 = none)
 * @param folds               cross-validation folds
 */
public record LinkPredConfig(Path modelDirectory, long seed, double damping, int minMetapathLength,
                             int maxMetapathLength, List<String> relationshipTypes, String treatsType,
                             EmbeddingSource embeddings, int embeddingDimension, int negativesPerPositive,
                             int epochs, double learningRate, int minibatchSize, int writeTopPerDrug,
                             int writeTopPerDisease, int folds) {

    public static final Path DEFAULT_MODEL_DIRECTORY = Path.of("data", "models", "linkpred");
    /** Relationship types this module writes; never projected back in. */
    public static final String PREDICTS_PREFIX = "PREDICTS_";
    /** Relationship types the ingest module writes from text. */
    public static final String LITERATURE_PREFIX = "LITERATURE_";

    /** Where the embeddings come from. */
    public enum EmbeddingSource {
        /** Neo4j Graph Data Science {@code gds.fastRP.stream} in the server. */
        GDS,
        /** This module's FastRP over the projection (works against any server). */
        IN_PROJECT,
        /** GDS when {@code gds.version()} answers, else in-project. */
        AUTO,
        /** No embedding features. */
        NONE
    }

    public LinkPredConfig {
        modelDirectory = modelDirectory == null ? DEFAULT_MODEL_DIRECTORY : modelDirectory;
        if (!(damping >= 0 && damping <= 1)) {
            throw new IllegalArgumentException("damping must be in [0, 1], got " + damping);
        }
        if (minMetapathLength < 2 || maxMetapathLength > 3 || minMetapathLength > maxMetapathLength) {
            throw new IllegalArgumentException("metapath lengths must satisfy 2 <= min <= max <= 3, got "
                    + minMetapathLength + ".." + maxMetapathLength);
        }
        relationshipTypes = relationshipTypes == null ? List.of() : List.copyOf(relationshipTypes);
        treatsType = treatsType == null || treatsType.isBlank() ? "TREATS_CtD" : treatsType;
        embeddings = embeddings == null ? EmbeddingSource.AUTO : embeddings;
        if (embeddingDimension < 2 || embeddingDimension > 1024) {
            throw new IllegalArgumentException("embeddingDimension must be in [2, 1024], got " + embeddingDimension);
        }
        if (negativesPerPositive < 1) {
            throw new IllegalArgumentException("negativesPerPositive must be >= 1, got " + negativesPerPositive);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (minibatchSize < 1) {
            throw new IllegalArgumentException("minibatchSize must be >= 1, got " + minibatchSize);
        }
        if (writeTopPerDrug < 0 || writeTopPerDisease < 0) {
            throw new IllegalArgumentException("write-back sizes must be >= 0, got " + writeTopPerDrug + ", "
                    + writeTopPerDisease);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        }
    }

    /** The defaults: seed 42, damping 0.4, metapaths of length 2–3, FastRP 64 via GDS when available. */
    public static LinkPredConfig defaults() {
        return new LinkPredConfig(DEFAULT_MODEL_DIRECTORY, 42L, 0.4, 2, 3, List.of(), "TREATS_CtD",
                EmbeddingSource.AUTO, 64, 50, 8, 0.1, 32, 25, 50, 5);
    }

    public LinkPredConfig withModelDirectory(Path dir) {
        return new LinkPredConfig(Objects.requireNonNull(dir, "dir"), seed, damping, minMetapathLength,
                maxMetapathLength, relationshipTypes, treatsType, embeddings, embeddingDimension, negativesPerPositive,
                epochs, learningRate, minibatchSize, writeTopPerDrug, writeTopPerDisease, folds);
    }

    public LinkPredConfig withEmbeddings(EmbeddingSource source) {
        return new LinkPredConfig(modelDirectory, seed, damping, minMetapathLength, maxMetapathLength,
                relationshipTypes, treatsType, source, embeddingDimension, negativesPerPositive, epochs, learningRate,
                minibatchSize, writeTopPerDrug, writeTopPerDisease, folds);
    }

    public LinkPredConfig withSeed(long newSeed) {
        return new LinkPredConfig(modelDirectory, newSeed, damping, minMetapathLength, maxMetapathLength,
                relationshipTypes, treatsType, embeddings, embeddingDimension, negativesPerPositive, epochs,
                learningRate, minibatchSize, writeTopPerDrug, writeTopPerDisease, folds);
    }

    public LinkPredConfig withWriteBack(int perDrug, int perDisease) {
        return new LinkPredConfig(modelDirectory, seed, damping, minMetapathLength, maxMetapathLength,
                relationshipTypes, treatsType, embeddings, embeddingDimension, negativesPerPositive, epochs,
                learningRate, minibatchSize, perDrug, perDisease, folds);
    }

    /** The same config projecting only {@code types} (empty = every type except {@code PREDICTS_*}). */
    public LinkPredConfig withRelationshipTypes(List<String> types) {
        return new LinkPredConfig(modelDirectory, seed, damping, minMetapathLength, maxMetapathLength,
                Objects.requireNonNull(types, "types"), treatsType, embeddings, embeddingDimension,
                negativesPerPositive, epochs, learningRate, minibatchSize, writeTopPerDrug, writeTopPerDisease, folds);
    }
}
