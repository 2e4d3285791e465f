package io.repurpose.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Singleton;

/** {@code /health} component "neo4j": UP when a real Cypher round trip answers ({@link GraphStore#health()}). */
@Singleton
final class Neo4jHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final GraphStore store;

    Neo4jHealthIndicator(GraphStore store) {
        this.store = store;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        GraphStore.Health h = store.health();
        healthStatus = h.up() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("uri", h.uri());
        details.put("latencyMillis", h.latency().toMillis());
        if (h.up()) {
            details.put("version", h.version());
            details.put("edition", h.edition());
        } else {
            details.put("error", h.error());
        }
        store.browserUrl().ifPresent(u -> details.put("browser", u));
        return details;
    }

    @Override
    protected String getName() {
        return "neo4j";
    }
}
