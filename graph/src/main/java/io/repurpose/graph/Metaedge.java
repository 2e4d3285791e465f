package io.repurpose.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Hetionet relationship type: {@code CtD} is {@code (:Compound)-[:TREATS_CtD]->(:Disease)}.
 *
 * @param abbreviation Hetionet's abbreviation, e.g. {@code CtD} or {@code Gr>G}
 * @param type         the Neo4j relationship type as Hetionet's Neo4j export names it
 * @param source       source node kind
 * @param target       target node kind
 */
public record Metaedge(String abbreviation, String type, NodeKind source, NodeKind target) {

    public Metaedge {
        Objects.requireNonNull(abbreviation, "abbreviation");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /** Hetionet v1.0's 24 metaedges. */
    public static final List<Metaedge> HETIONET = List.of(
            of("AdG", "DOWNREGULATES", NodeKind.ANATOMY, NodeKind.GENE),
            of("AeG", "EXPRESSES", NodeKind.ANATOMY, NodeKind.GENE),
            of("AuG", "UPREGULATES", NodeKind.ANATOMY, NodeKind.GENE),
            of("CbG", "BINDS", NodeKind.COMPOUND, NodeKind.GENE),
            of("CcSE", "CAUSES", NodeKind.COMPOUND, NodeKind.SIDE_EFFECT),
            of("CdG", "DOWNREGULATES", NodeKind.COMPOUND, NodeKind.GENE),
            of("CpD", "PALLIATES", NodeKind.COMPOUND, NodeKind.DISEASE),
            of("CrC", "RESEMBLES", NodeKind.COMPOUND, NodeKind.COMPOUND),
            of("CtD", "TREATS", NodeKind.COMPOUND, NodeKind.DISEASE),
            of("CuG", "UPREGULATES", NodeKind.COMPOUND, NodeKind.GENE),
            of("DaG", "ASSOCIATES", NodeKind.DISEASE, NodeKind.GENE),
            of("DdG", "DOWNREGULATES", NodeKind.DISEASE, NodeKind.GENE),
            of("DlA", "LOCALIZES", NodeKind.DISEASE, NodeKind.ANATOMY),
            of("DpS", "PRESENTS", NodeKind.DISEASE, NodeKind.SYMPTOM),
            of("DrD", "RESEMBLES", NodeKind.DISEASE, NodeKind.DISEASE),
            of("DuG", "UPREGULATES", NodeKind.DISEASE, NodeKind.GENE),
            of("GcG", "COVARIES", NodeKind.GENE, NodeKind.GENE),
            of("GiG", "INTERACTS", NodeKind.GENE, NodeKind.GENE),
            of("GpBP", "PARTICIPATES", NodeKind.GENE, NodeKind.BIOLOGICAL_PROCESS),
            of("GpCC", "PARTICIPATES", NodeKind.GENE, NodeKind.CELLULAR_COMPONENT),
            of("GpMF", "PARTICIPATES", NodeKind.GENE, NodeKind.MOLECULAR_FUNCTION),
            of("GpPW", "PARTICIPATES", NodeKind.GENE, NodeKind.PATHWAY),
            of("Gr>G", "REGULATES", NodeKind.GENE, NodeKind.GENE),
            of("PCiC", "INCLUDES", NodeKind.PHARMACOLOGIC_CLASS, NodeKind.COMPOUND));

    private static final Map<String, Metaedge> BY_ABBREVIATION = HETIONET.stream()
            .collect(Collectors.toUnmodifiableMap(Metaedge::abbreviation, Function.identity()));

    private static Metaedge of(String abbreviation, String verb, NodeKind source, NodeKind target) {
        return new Metaedge(abbreviation, verb + "_" + abbreviation.replace(">", ""), source, target);
    }

    /** The metaedge with this abbreviation ({@code CtD}), if Hetionet has it. */
    public static Optional<Metaedge> byAbbreviation(String abbreviation) {
        return Optional.ofNullable(BY_ABBREVIATION.get(abbreviation));
    }

    /** The metaedge with this relationship type ({@code TREATS_CtD}), if Hetionet has it. */
    public static Optional<Metaedge> byType(String type) {
        return HETIONET.stream().filter(m -> m.type.equals(type)).findFirst();
    }
}
