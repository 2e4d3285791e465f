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
            CREATE (mtx)-[:LITERATURE_TREATS {documentIds: ['PMID:100', 'PMID:101'], evidenceCount: 2,
                                              source: 'literature'}]->(sle)
            CREATE (d1:Document {id: 'PMID:100', title: 'Methotrexate in lupus', year: 2019, source: 'fixture'})
            CREATE (d2:Document {id: 'PMID:101', title: 'Low-dose methotrexate for SLE', year: 2021,
                                 source: 'fixture'})
            CREATE (d1)-[:HAS_EVIDENCE]->(e1:Evidence {id: 'PMID:100#0', documentId: 'PMID:100', type: 'TREATS',
                    pairKey: 'TREATS|DB00563|DOID:9074', subject: 'DB00563', object: 'DOID:9074',
                    subjectText: 'methotrexate', objectText: 'systemic lupus erythematosus',
                    sentence: 'Methotrexate reduced disease activity in systemic lupus erythematosus.',
                    confidence: 0.91, negated: false, year: 2019, flags: []})
            CREATE (e1)-[:SUBJECT]->(mtx) CREATE (e1)-[:OBJECT]->(sle)
            CREATE (d2)-[:HAS_EVIDENCE]->(e2:Evidence {id: 'PMID:101#0', documentId: 'PMID:101', type: 'TREATS',
                    pairKey: 'TREATS|DB00563|DOID:9074', subject: 'DB00563', object: 'DOID:9074',
                    subjectText: 'methotrexate', objectText: 'SLE',
                    sentence: 'Low-dose methotrexate was not effective in SLE.',
                    confidence: 0.55, negated: true, year: 2021, flags: ['object:NEGATED']})
            CREATE (e2)-[:SUBJECT]->(mtx) CREATE (e2)-[:OBJECT]->(sle)
            """;

    /**
     * A seeded synthetic component with a planted signal for the link-prediction model: compound
     * {@code DBS<i>} treats disease {@code DOID:S<j>} when they share at least two genes.
     */
    static void writeSynthetic(GraphStore store) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        int nc = 40;
        int nd = 12;
        int ng = 50;
        java.util.List<Map<String, Object>> binds = new java.util.ArrayList<>();
        java.util.List<Map<String, Object>> assoc = new java.util.ArrayList<>();
        java.util.List<Map<String, Object>> treats = new java.util.ArrayList<>();
        java.util.List<java.util.Set<Integer>> cg = new java.util.ArrayList<>();
        java.util.List<java.util.Set<Integer>> dg = new java.util.ArrayList<>();
        for (int c = 0; c < nc; c++) {
            java.util.Set<Integer> s = new java.util.HashSet<>();
            while (s.size() < 4) {
                s.add(r.nextInt(ng));
            }
            cg.add(s);
            s.forEach(g -> binds.add(Map.of("a", "DBS" + cg.size(), "b", "S" + g)));
        }
        for (int d = 0; d < nd; d++) {
            java.util.Set<Integer> s = new java.util.HashSet<>();
            while (s.size() < 8) {
                s.add(r.nextInt(ng));
            }
            dg.add(s);
            s.forEach(g -> assoc.add(Map.of("a", "DOID:S" + dg.size(), "b", "S" + g)));
        }
        for (int c = 0; c < nc; c++) {
            for (int d = 0; d < nd; d++) {
                java.util.Set<Integer> shared = new java.util.HashSet<>(cg.get(c));
                shared.retainAll(dg.get(d));
                if (shared.size() >= 2 || r.nextDouble() < 0.01) {
                    treats.add(Map.of("a", "DBS" + (c + 1), "b", "DOID:S" + (d + 1)));
                }
            }
        }
        store.write("UNWIND range(1, $n) AS i CREATE (:Compound {identifier: 'DBS' + i, name: 'compound ' + i})",
                Map.of("n", nc));
        store.write("UNWIND range(1, $n) AS i CREATE (:Disease {identifier: 'DOID:S' + i, name: 'disease ' + i})",
                Map.of("n", nd));
        store.write("UNWIND range(0, $n - 1) AS i CREATE (:Gene {identifier: 'S' + i, name: 'gene ' + i})",
                Map.of("n", ng));
        store.write("UNWIND $rows AS row MATCH (a:Compound {identifier: row.a}) MATCH (b:Gene {identifier: row.b}) "
                + "CREATE (a)-[:BINDS_CbG]->(b)", Map.of("rows", binds));
        store.write("UNWIND $rows AS row MATCH (a:Disease {identifier: row.a}) MATCH (b:Gene {identifier: row.b}) "
                + "CREATE (a)-[:ASSOCIATES_DaG]->(b)", Map.of("rows", assoc));
        store.write("UNWIND $rows AS row MATCH (a:Compound {identifier: row.a}) "
                + "MATCH (b:Disease {identifier: row.b}) CREATE (a)-[:TREATS_CtD]->(b)", Map.of("rows", treats));
    }

    private static Path sharedModel;

    /** A model trained on the shared graph into a temporary directory (once per JVM; seconds). */
    static synchronized Path sharedModel() {
        if (sharedModel == null) {
            try {
                Path dir = Files.createTempDirectory("repurpose-api-model");
                io.repurpose.linkpred.LinkPredConfig config = new io.repurpose.linkpred.LinkPredConfig(dir, 42L, 0.4,
                        2, 3, java.util.List.of(), "TREATS_CtD",
                        io.repurpose.linkpred.LinkPredConfig.EmbeddingSource.IN_PROJECT, 8, 5, 30, 0.1, 16, 0, 0, 3);
                io.repurpose.linkpred.LinkPredictor.train(shared(), config).save(dir);
                sharedModel = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedModel;
    }

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
            writeSynthetic(store);
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
        p.put("repurpose.linkpred.model-directory", "target/no-model-here");
        return p;
    }

    static long nodeCount(GraphStore store) {
        return (Long) store.read("MATCH (n) RETURN count(n) AS c", Map.of()).get(0).get("c");
    }

    static long relationshipCount(GraphStore store) {
        return (Long) store.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
    }
}
