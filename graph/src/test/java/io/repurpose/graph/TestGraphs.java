package io.repurpose.graph;

import java.nio.file.Path;
import java.time.Duration;

/** Embedded test servers: free ports, small memory. */
final class TestGraphs {
    static final String PASSWORD = "test-password";

    private TestGraphs() {
    }

    static GraphConfig embedded(Path home) {
        return new GraphConfig(null, "neo4j", PASSWORD, null, home, 0, 0, "1g", "256m", Duration.ofSeconds(300));
    }
}
