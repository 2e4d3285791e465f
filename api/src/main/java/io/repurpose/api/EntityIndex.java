package io.repurpose.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.NodeKind;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-process {@link EntitySearch} index in step with the graph: built at start (in the
 * background; a search that arrives first waits for it), then rebuilt when the number of entities changes
 * ({@link GraphChanges}, checked every {@code repurpose.search.refresh-interval}; an import adds entities,
 * ingestion only documents, evidence and literature edges, whose degrees would barely move a ranking, so
 * it does not cost a rebuild every interval while it runs). Searches
 * run against the last built index, so they keep answering while a rebuild runs or Neo4j is down.
 */
@Singleton
@Requires(beans = GraphStore.class)
class EntityIndex {
    private static final Logger LOG = LoggerFactory.getLogger(EntityIndex.class);

    /** Per kind (the label comes from {@link NodeKind}, never from a request): what the index needs. */
    static final String ENTITIES = "MATCH (n:%s) RETURN n.identifier AS id, n.name AS name, n.synonyms AS synonyms, "
            + "COUNT { (n)--() } AS degree";

    /** An index and the number of entities it was built from (a different number means a rebuild). */
    record Built(EntitySearch search, long entities) {
    }

    private final GraphGuard graph;
    private final GraphChanges changes;
    private final OrderlyShutdown shutdown;
    private final AtomicReference<Built> current = new AtomicReference<>();

    EntityIndex(GraphGuard graph, GraphChanges changes, OrderlyShutdown shutdown) {
        this.graph = graph;
        this.changes = changes;
        this.shutdown = shutdown;
    }

    /** The current index; the first caller builds it (later ones wait for that build). */
    EntitySearch search() {
        Built b = current.get();
        if (b != null) {
            return b.search();
        }
        synchronized (this) {
            b = current.get();
            return b != null ? b.search() : rebuild(changes.check()).search();
        }
    }

    /** The current index, or null while the first build has not finished. */
    @Nullable
    EntitySearch ready() {
        Built b = current.get();
        return b == null ? null : b.search();
    }

    /** Builds at start, then rebuilds when the graph changed since the last build. */
    @Scheduled(fixedDelay = "${repurpose.search.refresh-interval:30s}", initialDelay = "0s")
    void refresh() {
        try {
            GraphChanges.Signature s = changes.check();
            Built b = current.get();
            if (b == null || b.entities() != s.entities()) {
                synchronized (this) {
                    b = current.get();
                    if (b == null || b.entities() != s.entities()) {
                        rebuild(s);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (shutdown.stopping()) {
                LOG.debug("entity index refresh stopped by the shutdown: {}", e.getMessage());
            } else {
                // Neo4j down (GraphGuard has noted it) or a query failed: keep serving the last index
                LOG.warn("entity index not refreshed: {}", e.getMessage());
            }
        }
    }

    /** Reads every entity and swaps in a new index built from them (runs under the monitor). */
    private Built rebuild(GraphChanges.Signature signature) {
        long t0 = System.nanoTime();
        List<EntitySearch.Entry> entries = new ArrayList<>();
        for (NodeKind kind : NodeKind.values()) {
            graph.call(() -> graph.store().stream(String.format(ENTITIES, kind.label()), Map.of(), row -> {
                Object id = row.get("id");
                if (id != null) {
                    entries.add(new EntitySearch.Entry(String.valueOf(id), kind, (String) row.get("name"),
                            synonyms(row.get("synonyms")), ((Number) row.get("degree")).longValue()));
                }
            }));
        }
        Built b = new Built(EntitySearch.build(entries), signature.entities());
        current.set(b);
        LOG.info("entity search index: {} entities in {} ms", b.search().size(), (System.nanoTime() - t0) / 1_000_000);
        return b;
    }

    private static List<String> synonyms(@Nullable Object value) {
        if (value instanceof List<?> l) {
            return l.stream().filter(java.util.Objects::nonNull).map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
