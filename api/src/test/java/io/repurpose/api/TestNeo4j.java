package io.repurpose.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;

/**
 * Real embedded Neo4j servers for the API tests (free ports, temporary home). {@link #shared()} is one
 * server with {@link #FIXTURE} loaded, started once per test JVM and reached by the application under
 * test as an external server; closed when the JVM exits.
 */
final class TestNeo4j {
    static final String PASSWORD = "test-password";
    static final String READ_KEY = "test-read-key";
    static final String INGEST_KEY = "test-ingest-key";

    /** A tiny Hetionet-shaped graph: 5 compounds, 5 diseases, 5 genes and their edges. */
    static final String FIXTURE = """
            CREATE (metformin:Compound {identifier: 'DB00331', name: 'Metformin', source: 'fixture'})
            CREATE (atorva:Compound {identifier: 'DB01076', name: 'Atorvastatin', source: 'fixture'})
            CREATE (asa:Compound {identifier: 'DB00945', name: 'Acetylsalicylic acid', source: 'fixture',
                                  synonyms: ['aspirin', 'ASA']})
            CREATE (mtx:Compound {identifier: 'DB00563', name: 'Methotrexate', source: 'fixture'})
            CREATE (apap:Compound {identifier: 'DB00316', name: 'Acetaminophen', source: 'fixture',
                                   synonyms: ['paracetamol']})
            CREATE (t2d:Disease {identifier: 'DOID:9352', name: 'type 2 diabetes mellitus', source: 'fixture'})
            CREATE (bc:Disease {identifier: 'DOID:1612', name: 'breast cancer', source: 'fixture'})
            CREATE (ra:Disease {identifier: 'DOID:7148', name: 'rheumatoid arthritis', source: 'fixture'})
            CREATE (sle:Disease {identifier: 'DOID:9074', name: 'systemic lupus erythematosus', source: 'fixture'})
            CREATE (ht:Disease {identifier: 'DOID:10763', name: 'hypertension', source: 'fixture'})
            CREATE (pparg:Gene {identifier: '5468', name: 'PPARG', source: 'fixture'})
            CREATE (hmgcr:Gene {identifier: '3156', name: 'HMGCR', source: 'fixture'})
            CREATE (ptgs1:Gene {identifier: '5742', name: 'PTGS1', source: 'fixture'})
            CREATE (ptgs2:Gene {identifier: '5743', name: 'PTGS2', source: 'fixture'})
            CREATE (dhfr:Gene {identifier: '1719', name: 'DHFR', source: 'fixture'})
            CREATE (metformin)-[:TREATS_CtD]->(t2d)
            CREATE (mtx)-[:TREATS_CtD]->(ra)
            CREATE (mtx)-[:TREATS_CtD]->(bc)
            CREATE (asa)-[:PALLIATES_CpD]->(ra)
            CREATE (atorva)-[:BINDS_CbG]->(hmgcr)
            CREATE (metformin)-[:BINDS_CbG]->(pparg)
            CREATE (asa)-[:BINDS_CbG]->(ptgs1)
            CREATE (asa)-[:BINDS_CbG]->(ptgs2)
            CREATE (apap)-[:BINDS_CbG]->(ptgs2)
            CREATE (mtx)-[:BINDS_CbG]->(dhfr)
            CREATE (t2d)-[:ASSOCIATES_DaG]->(pparg)
            CREATE (ra)-[:ASSOCIATES_DaG]->(ptgs2)
            CREATE (sle)-[:ASSOCIATES_DaG]->(ptgs2)
            CREATE (bc)-[:ASSOCIATES_DaG]->(dhfr)
            CREATE (ht)-[:ASSOCIATES_DaG]->(hmgcr)
            CREATE (ra)-[:RESEMBLES_DrD]->(sle)
            """;

    private static GraphStore shared;
    private static Path sharedHome;

    private TestNeo4j() {
    }

    static GraphConfig config(Path home) {
        return new GraphConfig(null, "neo4j", PASSWORD, null, home, 0, 0, "1g", "256m", Duration.ofSeconds(180));
    }

    /** Starts an embedded server with the fixture in a fresh temporary home. */
    static GraphStore startWithFixture() {
        try {
            Path home = Files.createTempDirectory("repurpose-api-test");
            GraphStore store = GraphStore.open(config(home));
            store.write(FIXTURE, Map.of());
            store.write("CALL db.awaitIndexes(120)", Map.of());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized GraphStore shared() {
        if (shared == null) {
            shared = startWithFixture();
            GraphStore s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-neo4j-stop"));
        }
        return shared;
    }

    /** Application properties that point at {@code store} as an external server, with test API keys. */
    static Map<String, String> properties(GraphStore store) {
        Map<String, String> p = new HashMap<>();
        p.put("repurpose.neo4j.uri", store.boltUri());
        p.put("repurpose.neo4j.password", PASSWORD);
        p.put("repurpose.api.read-keys", READ_KEY);
        p.put("repurpose.api.ingest-keys", INGEST_KEY);
        p.put("micronaut.server.port", "-1");
        return p;
    }

    static long nodeCount(GraphStore store) {
        return (Long) store.read("MATCH (n) RETURN count(n) AS c", Map.of()).get(0).get("c");
    }

    static long relationshipCount(GraphStore store) {
        return (Long) store.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
    }
}
