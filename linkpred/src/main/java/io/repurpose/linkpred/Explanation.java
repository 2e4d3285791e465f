package io.repurpose.linkpred;

import java.util.List;
import java.util.Objects;

/**
 * Why the model scores a drug–disease pair as it does: the model's linear score split exactly into a
 * baseline, the non-path features, and the concrete paths. Invariant (checked by a test):
 * {@code baseline + Σ features.contribution + otherFeaturesContribution + Σ paths.contribution
 * + otherPathsContribution == linearScore}.
 * A DWPC feature's part above its zero-path value is shared among its paths in proportion to their
 * path-degree products; its zero-path value is part of the baseline.
 *
 * @param drugId                 DrugBank id
 * @param drugName               compound name
 * @param diseaseId              DOID
 * @param diseaseName            disease name
 * @param probability            the model's score
 * @param linearScore            logit of the probability
 * @param baseline               intercept plus every DWPC feature's contribution at zero paths
 * @param features               the non-path features (degrees, embeddings, derived terms) with the largest
 *                               absolute contributions, largest first
 * @param otherFeaturesContribution the summed contribution of non-path features not listed
 * @param otherFeatures          how many non-path features are not listed
 * @param paths                  the paths with the largest absolute contributions, largest first
 * @param otherPathsContribution the summed contribution of paths not listed
 * @param otherPaths             how many paths are not listed
 * @param modelVersion           the model that scored
 */
public record Explanation(String drugId, String drugName, String diseaseId, String diseaseName, double probability,
                          double linearScore, double baseline, List<FeatureContribution> features,
                          double otherFeaturesContribution, int otherFeatures,
                          List<PathContribution> paths, double otherPathsContribution, int otherPaths,
                          String modelVersion) {
    public Explanation {
        Objects.requireNonNull(drugId, "drugId");
        Objects.requireNonNull(diseaseId, "diseaseId");
        features = List.copyOf(features);
        paths = List.copyOf(paths);
    }

    /** Sum of all parts; equals {@link #linearScore()} up to rounding. */
    public double total() {
        double s = baseline + otherFeaturesContribution + otherPathsContribution;
        for (FeatureContribution f : features) {
            s += f.contribution();
        }
        for (PathContribution p : paths) {
            s += p.contribution();
        }
        return s;
    }

    /**
     * A non-path feature's part of the linear score.
     *
     * @param feature      feature name, e.g. {@code degree:Compound:BINDS_CbG>} or {@code emb:cosine}
     * @param value        its value (after the log/asinh transform, before standardisation)
     * @param contribution weight × standardised value
     */
    public record FeatureContribution(String feature, double value, double contribution) {
    }

    /**
     * One concrete path from the drug to the disease.
     *
     * @param metapath           e.g. {@code CbGaD}
     * @param nodes              the nodes in order
     * @param edges              the edges in order ({@code nodes.size() - 1})
     * @param pathDegreeProduct  the path's term of the DWPC
     * @param contribution       its share of the linear score
     */
    public record PathContribution(String metapath, List<PathNode> nodes, List<PathEdge> edges,
                                   double pathDegreeProduct, double contribution) {
        public PathContribution {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }
    }

    /** A node on a path: its label, identifier and name. */
    public record PathNode(String label, String identifier, String name) {
    }

    /**
     * An edge on a path, as stored in the graph.
     *
     * @param type        relationship type
     * @param sourceId    stored source identifier
     * @param targetId    stored target identifier
     * @param literature  true when text mining produced it ({@code LITERATURE_*}), false when curated
     * @param documentIds supporting documents of a literature edge (empty for curated ones)
     */
    public record PathEdge(String type, String sourceId, String targetId, boolean literature,
                           List<String> documentIds) {
        public PathEdge {
            documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        }
    }
}
