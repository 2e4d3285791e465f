package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphStoreTest {
    @TempDir
    static Path home;
    static GraphStore store;

    @BeforeAll
    static void start() {
        store = GraphStore.open(TestGraphs.embedded(home));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void healthRunsARealQuery() {
        GraphStore.Health h = store.health();
        assertTrue(h.up(), h.toString());
        assertTrue(h.version().startsWith("5.26"), h.version());
        assertEquals("community", h.edition());
    }

    @Test
    void schemaIsIdempotent() {
        List<Map<String, Object>> before = store.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", Map.of());
        store.ensureSchema();
        store.ensureSchema();
        List<Map<String, Object>> after = store.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", Map.of());
        assertEquals(before, after);
        assertEquals(NodeKind.values().length, after.size());
        List<Map<String, Object>> fulltext = store.read(
                "SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state", Map.of());
        assertEquals(List.of(Map.of("name", "entity_names", "state", "ONLINE")), fulltext);
    }

    /** The bulk path's warm-up stops starting schema statements once the import is done. */
    @Test
    void schemaStartsNoStatementOnceStopped() {
        String count = "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n";
        store.write("DROP CONSTRAINT disease_identifier", Map.of());
        try {
            store.ensureSchema(() -> true);
            assertEquals(NodeKind.values().length - 1L, store.read(count, Map.of()).get(0).get("n"));
        } finally {
            store.ensureSchema(() -> false);
        }
        assertEquals((long) NodeKind.values().length, store.read(count, Map.of()).get(0).get("n"));
    }

    @Test
    void uniquenessIsEnforced() {
        store.write("MERGE (:Compound {identifier: 'DBX1', name: 'x'})", Map.of());
        GraphException e = assertThrows(GraphException.class,
                () -> store.write("CREATE (:Compound {identifier: 'DBX1'})", Map.of()));
        assertTrue(e.getMessage().contains("ConstraintValidationFailed"), e.getMessage());
    }

    @Test
    void countsPerLabelAndTypeComeFromOneReadAndSkipEmptyTokens() {
        store.write("CREATE (a:`Odd ``Label`)-[:`ODD ``T`]->(b:`Odd ``Label`), (a)-[:`ODD ``T`]->(b), "
                + "(:`Gone Label`)-[:GONE_T]->(:`Gone Label`)", Map.of());
        store.write("MATCH (n:`Gone Label`) DETACH DELETE n", Map.of()); // the tokens stay, with no nodes
        Map<String, Long> labels = store.nodeCounts();
        Map<String, Long> types = store.relationshipCounts();
        assertEquals(2L, labels.get("Odd `Label"));
        assertEquals(2L, types.get("ODD `T"));
        assertFalse(labels.containsKey("Gone Label"), labels.toString());
        assertFalse(types.containsKey("GONE_T"), types.toString());
        assertEquals(Map.of("GONE_T", 0L, "NEVER_SEEN", 0L, "ODD `T", 2L),
                store.relationshipCounts(List.of("ODD `T", "GONE_T", "NEVER_SEEN")));
        store.write("MATCH (n:`Odd ``Label`) DETACH DELETE n", Map.of());
        assertEquals(Map.of(), store.relationshipCounts(List.of()));
    }

    @Test
    void writeAllIsOneTransaction() {
        assertThrows(GraphException.class, () -> store.writeAll(List.of(
                new GraphStore.Statement("CREATE (:Disease {identifier: 'DOID:X1'})", Map.of()),
                new GraphStore.Statement("RETURN 1/0", Map.of()))));
        assertTrue(store.read("MATCH (d:Disease {identifier: 'DOID:X1'}) RETURN d", Map.of()).isEmpty());
    }

    @Test
    void writeCommittingAloneCommitsUnderTheLockAndNeverWaitsForItForever() throws Exception {
        ReentrantLock commits = new ReentrantLock();
        assertEquals(1, store.writeCommittingAlone("CREATE (:Disease {identifier: 'DOID:X2'})", Map.of(), commits,
                Duration.ofMinutes(1)).nodesCreated());
        assertFalse(commits.isLocked());
        String created = "MATCH (d:Disease) WHERE d.identifier IN ['DOID:X3', 'DOID:X4'] RETURN d.identifier AS id "
                + "ORDER BY id";
        commits.lock(); // another writer is committing
        try {
            CompletableFuture<GraphStore.WriteResult> waiting = CompletableFuture.supplyAsync(() -> store
                    .writeCommittingAlone("CREATE (:Disease {identifier: 'DOID:X3'})", Map.of(), commits,
                            Duration.ofMinutes(1)));
            while (!commits.hasQueuedThreads()) { // the statement has run; its commit waits for the lock
                assertFalse(waiting.isDone(), () -> "finished without the lock: " + waiting.join());
                Thread.sleep(10);
            }
            assertTrue(store.read(created, Map.of()).isEmpty());
            // a writer that waited longer than its limit commits anyway
            assertEquals(1, CompletableFuture.supplyAsync(() -> store.writeCommittingAlone(
                    "CREATE (:Disease {identifier: 'DOID:X4'})", Map.of(), commits, Duration.ofMillis(200)))
                    .get(1, TimeUnit.MINUTES).nodesCreated());
            assertEquals(List.of(Map.of("id", "DOID:X4")), store.read(created, Map.of()));
            commits.unlock();
            assertEquals(1, waiting.get(1, TimeUnit.MINUTES).nodesCreated());
        } finally {
            if (commits.isHeldByCurrentThread()) {
                commits.unlock();
            }
        }
        assertEquals(2, store.read(created, Map.of()).size());
        assertFalse(commits.isLocked());
    }

    @Test
    void browserIsServedOverHttp() throws Exception {
        String url = store.browserUrl().orElseThrow();
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Neo4j"), "browser page");
    }

    @Test
    void wrongPasswordIsAClearError() {
        GraphConfig bad = GraphConfig.external(store.boltUri(), "neo4j", "not-the-password");
        GraphException e = assertThrows(GraphException.class, () -> GraphStore.open(bad));
        assertFalse(e.getMessage().isBlank());
    }
}
