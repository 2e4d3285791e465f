package io.repurpose.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micronaut.scheduling.annotation.Scheduled;
import io.repurpose.graph.GraphStore;
import io.repurpose.graph.GraphUnavailableException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail-fast in front of the {@link GraphStore}: once a query finds Neo4j unreachable, further requests
 * get 503 at once instead of each waiting out the driver's retries, and a background probe (a real
 * query every 2 s) lets traffic through again as soon as Neo4j answers; no restart needed.
 */
@Requires(beans = GraphStore.class)
@Singleton
class GraphGuard {
    private static final Logger LOG = LoggerFactory.getLogger(GraphGuard.class);

    /** Why and since when Neo4j is considered down; null while up. */
    record Outage(Instant since, String reason) {
    }

    private final GraphStore store;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    GraphGuard(GraphStore store) {
        this.store = store;
    }

    GraphStore store() {
        return store;
    }

    /** The current outage, if Neo4j is considered down. */
    Outage outage() {
        return outage.get();
    }

    /** Runs {@code work} unless Neo4j is known to be down; an unreachable Neo4j marks it down. */
    <T> T call(Supplier<T> work) {
        Outage o = outage.get();
        if (o != null) {
            throw new GraphUnavailableException("Neo4j unreachable since " + o.since() + ": " + o.reason(), null);
        }
        try {
            return work.get();
        } catch (GraphUnavailableException e) {
            if (outage.compareAndSet(null, new Outage(Instant.now(), e.getMessage()))) {
                LOG.warn("Neo4j unreachable, answering 503 until it is back: {}", e.getMessage());
            }
            throw e;
        }
    }

    List<Map<String, Object>> read(String cypher, Map<String, Object> parameters) {
        return call(() -> store.read(cypher, parameters));
    }

    /** A real round trip; also marks the graph up or down. */
    GraphStore.Health probe() {
        GraphStore.Health h = store.health();
        if (h.up()) {
            if (outage.getAndSet(null) != null) {
                LOG.info("Neo4j answers again at {}", h.uri());
            }
        } else {
            outage.compareAndSet(null, new Outage(Instant.now(), h.error()));
        }
        return h;
    }

    @Scheduled(fixedDelay = "2s", initialDelay = "2s")
    void probeWhileDown() {
        if (outage.get() != null) {
            probe();
        }
    }
}
