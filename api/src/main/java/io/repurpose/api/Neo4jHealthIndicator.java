package io.repurpose.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.repurpose.graph.GraphStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * {@code /health} component "neo4j": UP when a real Cypher round trip answers ({@link GraphStore#health()});
 * DOWN at once while {@link GraphGuard} knows of an outage.
 */
@Requires(beans = GraphStore.class)
@Singleton
final class Neo4jHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final GraphGuard guard;

    Neo4jHealthIndicator(GraphGuard guard) {
        this.guard = guard;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        GraphGuard.Outage known = guard.outage();
        if (known != null) {
            // the background probe keeps trying; answer now instead of waiting out the driver's retries
            healthStatus = HealthStatus.DOWN;
            details.put("uri", guard.store().boltUri());
            details.put("downSince", known.since().toString());
            details.put("error", known.reason());
            return details;
        }
        GraphStore.Health h = guard.probe();
        healthStatus = h.up() ? HealthStatus.UP : HealthStatus.DOWN;
        details.put("uri", h.uri());
        details.put("latencyMillis", h.latency().toMillis());
        if (h.up()) {
            details.put("version", h.version());
            details.put("edition", h.edition());
        } else {
            details.put("error", h.error());
        }
        guard.store().browserUrl().ifPresent(u -> details.put("browser", u));
        return details;
    }

    @Override
    protected String getName() {
        return "neo4j";
    }
}
