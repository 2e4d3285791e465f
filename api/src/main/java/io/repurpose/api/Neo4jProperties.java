package io.repurpose.api;

import java.nio.file.Path;
import java.time.Duration;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.repurpose.graph.GraphConfig;

/**
 * {@code repurpose.neo4j.*}: how the application reaches Neo4j. {@code uri: embedded} (the default)
 * starts a real Neo4j server in a child JVM under {@code home}; any {@code bolt://} or {@code neo4j://}
 * URI uses an existing server and starts nothing. Every key can be overridden from the environment,
 * e.g. {@code REPURPOSE_NEO4J_URI=bolt://db:7687}, {@code REPURPOSE_NEO4J_PASSWORD=...}.
 */
@ConfigurationProperties("repurpose.neo4j")
public record Neo4jProperties(
        @Bindable(defaultValue = "embedded") String uri,
        @Bindable(defaultValue = "neo4j") String user,
        String password,
        @Bindable(defaultValue = "neo4j") String database,
        @Bindable(defaultValue = "data/neo4j") Path home,
        @Bindable(defaultValue = "7687") int boltPort,
        @Bindable(defaultValue = "7474") int httpPort,
        @Nullable String serverHeap,
        @Nullable String pageCache,
        @Bindable(defaultValue = "120s") Duration startTimeout,
        @Nullable Duration maxRetryTime,
        @Nullable Duration connectionTimeout) {

    /** The graph module's config; validation (password length, ports, timeouts) happens there. */
    public GraphConfig toGraphConfig() {
        return new GraphConfig(uri, user, password, database, home, boltPort, httpPort, serverHeap, pageCache,
                startTimeout, maxRetryTime, connectionTimeout);
    }
}
