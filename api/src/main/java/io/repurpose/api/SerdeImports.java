package io.repurpose.api;

import io.micronaut.serde.annotation.SerdeImport;
import io.repurpose.linkpred.Candidate;
import io.repurpose.linkpred.Explanation;

/** JSON (de)serialisers for the other modules' records, which carry no Micronaut annotations. */
@SerdeImport(Candidate.class)
@SerdeImport(Explanation.FeatureContribution.class)
@SerdeImport(Explanation.PathNode.class)
final class SerdeImports {
    private SerdeImports() {
    }
}
