package io.repurpose.linkpred;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a trained link-prediction model.
 *
 * @param version          model version (creation time and data snapshot)
 * @param dataSnapshotHash SHA-256 (first 16 hex digits) of the projected nodes and edges it was trained on
 * @param features         feature names in model order
 * @param config           the configuration it was trained with
 * @param seed             the seed
 * @param embeddingSource  which FastRP produced the embedding features
 * @param metrics          training and evaluation figures (e.g. {@code train.auroc})
 * @param created          when it was trained
 * @param tribuoProvenance Tribuo's own provenance record of the trained model
 */
public record ModelInfo(String version, String dataSnapshotHash, List<String> features, LinkPredConfig config,
                        long seed, String embeddingSource, Map<String, Double> metrics, Instant created,
                        String tribuoProvenance) {
    public ModelInfo {
        Objects.requireNonNull(version, "version");
        features = List.copyOf(features);
        metrics = Map.copyOf(metrics);
    }
}
