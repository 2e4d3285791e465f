package io.repurpose.api;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.NodeKind;
import jakarta.inject.Singleton;

/**
 * Notices that the graph changed, cheaply: the node and relationship counts come from Neo4j's count
 * store (constant time whatever the graph's size). In-memory views of the graph ({@link EntityIndex},
 * the explanation cache in {@link ModelService}) compare the {@link Signature} they were built from with
 * the last one seen. {@link EntityIndex} checks every {@code repurpose.search.refresh-interval}.
 */
@Singleton
@Requires(beans = GraphStore.class)
class GraphChanges {
    /** All nodes, all relationships, and the entities (nodes of the eleven kinds; labels from the enum). */
    static final String SIGNATURE = "CALL { MATCH (n) RETURN count(n) AS nodes } "
            + "CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } "
            + Arrays.stream(NodeKind.values()).map(k -> "CALL { MATCH (n:" + k.label() + ") RETURN count(n) AS "
                    + k.name().toLowerCase(java.util.Locale.ROOT) + " } ").collect(Collectors.joining())
            + "RETURN nodes, relationships, " + Arrays.stream(NodeKind.values())
                    .map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(" + "))
            + " AS entities";

    /**
     * The graph's size: any ingestion (documents, evidence, literature edges) changes {@code nodes} or
     * {@code relationships}; {@code entities} changes only when drugs, diseases, genes... come or go (an import).
     */
    record Signature(long nodes, long relationships, long entities) {
    }

    private final GraphGuard graph;
    private volatile Signature last;

    GraphChanges(GraphGuard graph) {
        this.graph = graph;
    }

    /** Reads the counts now (one round trip) and remembers them. */
    Signature check() {
        Map<String, Object> row = graph.read(SIGNATURE, Map.of()).get(0);
        Signature s = new Signature(((Number) row.get("nodes")).longValue(),
                ((Number) row.get("relationships")).longValue(), ((Number) row.get("entities")).longValue());
        last = s;
        return s;
    }

    /** The counts as last read, without a round trip; null before the first check. */
    @Nullable
    Signature last() {
        return last;
    }
}
