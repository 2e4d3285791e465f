package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that dies under an open store is reported as unavailable within the configured retry time. */
class GraphUnavailableTest {
    @TempDir
    Path home;

    @Test
    void oldConstructorKeepsTheDriverDefaults() {
        GraphConfig c = TestGraphs.embedded(home);
        assertEquals(GraphConfig.DEFAULT_MAX_RETRY_TIME, c.maxRetryTime());
        assertEquals(Duration.ofSeconds(30), c.maxRetryTime());
        assertEquals(Duration.ofSeconds(10), c.connectionTimeout());
        assertEquals(Duration.ofSeconds(60), GraphStore.acquisitionTimeout(c));
        GraphConfig shortRetry = c.withDriverTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(2), shortRetry.withPorts(1, 2).maxRetryTime());
        assertEquals(Duration.ofSeconds(5), GraphStore.acquisitionTimeout(shortRetry));
        assertThrows(IllegalArgumentException.class, () -> c.withDriverTimeouts(Duration.ofSeconds(-1), null));
        assertThrows(IllegalArgumentException.class, () -> c.withDriverTimeouts(null, Duration.ZERO));
    }

    @Test
    void crashedServerIsUnavailableWithinSeconds() throws Exception {
        Duration retry = Duration.ofSeconds(2);
        GraphConfig config = TestGraphs.embedded(home).withDriverTimeouts(retry, Duration.ofSeconds(2));
        try (GraphStore store = GraphStore.open(config)) {
            assertEquals(List.of(Map.of("x", 1L)), store.read("RETURN 1 AS x", Map.of()));
            ProcessHandle server = store.serverProcess().orElseThrow();
            server.destroyForcibly(); // SIGKILL: a crash, no clean shutdown
            server.onExit().get(30, TimeUnit.SECONDS);

            long t0 = System.nanoTime();
            GraphUnavailableException read = assertThrows(GraphUnavailableException.class,
                    () -> store.read("RETURN 1 AS x", Map.of()));
            Duration readTook = Duration.ofNanos(System.nanoTime() - t0);

            t0 = System.nanoTime();
            assertThrows(GraphUnavailableException.class,
                    () -> store.write("CREATE (:Disease {identifier: 'DOID:gone'})", Map.of()));
            Duration writeTook = Duration.ofNanos(System.nanoTime() - t0);

            t0 = System.nanoTime();
            assertThrows(GraphUnavailableException.class,
                    () -> store.stream("RETURN 1 AS x", Map.of(), row -> { }));
            Duration streamTook = Duration.ofNanos(System.nanoTime() - t0);

            // the retry time plus the driver's backoff jitter and connection attempts; the default
            // (30 s) would take 30 s or more
            Duration limit = retry.plusSeconds(6);
            assertTrue(readTook.compareTo(limit) < 0, "read took " + readTook);
            assertTrue(writeTook.compareTo(limit) < 0, "write took " + writeTook);
            assertTrue(streamTook.compareTo(limit) < 0, "stream took " + streamTook);
            assertTrue(read.getMessage().contains("unavailable"), read.getMessage());
            assertFalse(store.health().up());
        }
    }
}
