package io.repurpose.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;

/**
 * One real embedded Neo4j for all database tests of this module's test JVM (a start costs 7 s idle and
 * a minute on a loaded machine); stopped when the JVM exits. Each test empties it first with {@link #empty()}.
 */
final class SharedNeo4j {
    private static GraphStore store;

    private SharedNeo4j() {
    }

    static synchronized GraphStore store() {
        if (store == null) {
            try {
                Path home = Files.createTempDirectory("ingest-neo4j");
                GraphStore s = GraphStore.open(new GraphConfig(null, "neo4j", "test-password", null, home, 0, 0,
                        "1g", "256m", Duration.ofSeconds(240)));
                Runtime.getRuntime().addShutdownHook(new Thread(s::close, "ingest-test-neo4j-stop"));
                store = s;
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a Neo4j home for tests", e);
            }
        }
        return store;
    }

    /** Deletes every node and relationship (constraints and indexes stay). */
    static GraphStore empty() {
        GraphStore s = store();
        s.write("MATCH (n) DETACH DELETE n", Map.of());
        return s;
    }
}
