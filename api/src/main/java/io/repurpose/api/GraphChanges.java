package io.repurpose.api;

import java.util.Map;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.repurpose.graph.GraphStore;
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
    static final String SIGNATURE = "CALL { MATCH (n) RETURN count(n) AS nodes } "
            + "CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships";

    /** The graph's size; any ingestion (documents, evidence, literature edges) or import changes it. */
    record Signature(long nodes, long relationships) {
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
                ((Number) row.get("relationships")).longValue());
        last = s;
        return s;
    }

    /** The counts as last read, without a round trip; null before the first check. */
    @Nullable
    Signature last() {
        return last;
    }
}
