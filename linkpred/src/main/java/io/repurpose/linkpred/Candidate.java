package io.repurpose.linkpred;

import java.util.Objects;

/**
 * One ranked compound–disease candidate.
 *
 * @param drugId      DrugBank id of the compound
 * @param drugName    compound name
 * @param diseaseId   Disease Ontology id
 * @param diseaseName disease name
 * @param score       model probability that the drug treats the disease
 * @param rank        1-based position in the list it was returned in
 * @param percentile  share of all compound–disease pairs scoring at most this score (0–100)
 * @param known       whether the graph already holds the treats edge
 */
public record Candidate(String drugId, String drugName, String diseaseId, String diseaseName, double score, int rank,
                        double percentile, boolean known) {
    public Candidate {
        Objects.requireNonNull(drugId, "drugId");
        Objects.requireNonNull(diseaseId, "diseaseId");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
    }
}
