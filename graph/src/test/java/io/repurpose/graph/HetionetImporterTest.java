package io.repurpose.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.repurpose.graph.server.HetionetReader;

class HetionetImporterTest {
    static final Map<String, Long> NODES = new TreeMap<>(Map.of("Anatomy", 1L, "Compound", 3L, "DataSource", 1L,
            "Disease", 2L, "Gene", 3L, "PharmacologicClass", 1L, "Symptom", 1L));
    static final Map<String, Long> EDGES = new TreeMap<>(Map.ofEntries(Map.entry("TREATS_CtD", 3L),
            Map.entry("BINDS_CbG", 3L), Map.entry("ASSOCIATES_DaG", 2L), Map.entry("INTERACTS_GiG", 1L),
            Map.entry("REGULATES_GrG", 1L), Map.entry("EXPRESSES_AeG", 1L), Map.entry("LOCALIZES_DlA", 1L),
            Map.entry("INCLUDES_PCiC", 1L), Map.entry("PRESENTS_DpS", 1L), Map.entry("RESEMBLES_CrC", 1L)));

    @TempDir
    static Path home;
    static GraphStore store;
    static Path nodes;
    static Path edges;

    @BeforeAll
    static void start() throws URISyntaxException {
        store = GraphStore.open(TestGraphs.embedded(home));
        nodes = fixture("nodes.tsv");
        edges = fixture("edges.sif.gz");
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @BeforeEach
    void empty() {
        store.write("MATCH (n) DETACH DELETE n", Map.of());
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(HetionetImporterTest.class.getResource("/hetionet-mini/" + name).toURI());
    }

    private static HetionetImporter.Options options(boolean strict) {
        return new HetionetImporter.Options(strict, 4, 2, null);
    }

    /** The loader's default (CREATE into empty types) and MERGE of every edge (the benchmark's (b)) alike. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void mergeGivesExactCountsAndReimportChangesNothing(boolean mergeEveryEdge) {
        HetionetImporter.Report first = HetionetImporter.merge(store, nodes, edges, options(false), mergeEveryEdge);
        assertEquals(11, first.nodes());
        assertEquals(15, first.edges());
        assertEquals(0, first.skipped());
        assertEquals(15, first.changes().relationshipsCreated());
        assertEquals(NODES, store.nodeCounts());
        assertEquals(EDGES, store.relationshipCounts());

        HetionetImporter.Report again = HetionetImporter.merge(store, nodes, edges, options(false));
        assertTrue(again.changes().isEmpty(), again.changes().toString());
        assertEquals(NODES, store.nodeCounts());
        assertEquals(EDGES, store.relationshipCounts());
    }

    @Test
    void emptyTypesAreCreatedOncePerPairAndOthersMerged(@TempDir Path dir) throws IOException {
        // TREATS_CtD already has one of the file's edges (a partial earlier load): it keeps MERGE; BINDS_CbG is
        // empty: CREATE, and the file's repeated line must not give two relationships
        store.write("MERGE (c:Compound {identifier: 'DB00331'}) MERGE (d:Disease {identifier: 'DOID:9352'}) "
                + "MERGE (c)-[:TREATS_CtD {source: $source}]->(d)", Map.of("source", HetionetImporter.SOURCE));
        assertEquals(java.util.Set.of(Metaedge.byAbbreviation("CbG").orElseThrow()), HetionetImporter.absentTypes(
                store, List.of(Metaedge.byAbbreviation("CtD").orElseThrow(), Metaedge.byAbbreviation("CbG").orElseThrow())));
        Path twice = dir.resolve("edges.sif");
        Files.writeString(twice, "source\tmetaedge\ttarget\n"
                + "Compound::DB00331\tCtD\tDisease::DOID:9352\n"
                + "Compound::DB00331\tCbG\tGene::5468\n"
                + "Compound::DB00331\tCbG\tGene::5468\n"
                + "Compound::DB00331\tCtD\tDisease::DOID:9352\n");
        HetionetImporter.Report first = HetionetImporter.merge(store, nodes, twice, options(false));
        assertEquals(4, first.edges());
        assertEquals(1, first.changes().relationshipsCreated(), first.changes().toString());
        assertEquals(Map.of("BINDS_CbG", 1L, "TREATS_CtD", 1L), store.relationshipCounts());
        assertEquals(List.of(Map.of("s", HetionetImporter.SOURCE)),
                store.read("MATCH ()-[r:BINDS_CbG]->() RETURN r.source AS s", Map.of()));
        HetionetImporter.Report again = HetionetImporter.merge(store, nodes, twice, options(false));
        assertTrue(again.changes().isEmpty(), again.changes().toString());
        assertEquals(Map.of("BINDS_CbG", 1L, "TREATS_CtD", 1L), store.relationshipCounts());
    }

    @Test
    void nodesCarryIdentifierNameAndSource() {
        HetionetImporter.merge(store, nodes, edges, options(false));
        List<Map<String, Object>> rows = store.read(
                "MATCH (c:Compound {identifier: 'DB00331'})-[r:TREATS_CtD]->(d:Disease) "
                        + "RETURN c.name AS drug, d.identifier AS disease, r.source AS source, c.source AS nsource",
                Map.of());
        assertEquals(List.of(Map.of("drug", "Metformin", "disease", "DOID:9352", "source", HetionetImporter.SOURCE,
                "nsource", HetionetImporter.SOURCE)), rows);
        // genes keep a string identifier
        assertEquals(1, store.read("MATCH (g:Gene {identifier: '5468'}) RETURN g", Map.of()).size());
    }

    /** An edge file with two good lines and four bad ones, lines 3 to 6. */
    static Path badEdges(Path dir) throws IOException {
        return Files.writeString(dir.resolve("edges.sif"), "source\tmetaedge\ttarget\n"
                + "Compound::DB00331\tCtD\tDisease::DOID:9352\n"
                + "Compound::DB00331\tXyZ\tDisease::DOID:9352\n"       // line 3: unknown metaedge
                + "Compound::DB99999\tCtD\tDisease::DOID:9352\n"       // line 4: missing node
                + "Compound::DB00331 CtD\n"                            // line 5: malformed
                + "Compound::DB00331\tDaG\tGene::5468\n"              // line 6: wrong kinds
                + "Gene::5468\tGiG\tGene::3156\n");
    }

    /** The report of an import of {@link #badEdges}: the good lines counted, the bad ones with file and line. */
    static void assertBadLinesReported(HetionetImporter.Report r, Path bad) {
        assertEquals(11, r.nodes());
        assertEquals(2, r.edges());
        assertEquals(4, r.skipped());
        assertEquals(List.of(3L, 4L, 5L, 6L), r.problems().stream().map(HetionetReader.Problem::line).toList());
        assertEquals("edges.sif:3: unknown metaedge 'XyZ'", r.problems().get(0).toString());
        assertTrue(r.problems().get(1).message().contains("missing node 'Compound::DB99999'"));
        assertTrue(r.problems().get(2).toString().startsWith("edges.sif:5: expected 3 tab-separated columns"));
        assertTrue(r.problems().get(3).message().contains("DaG joins Disease to Gene, not Compound to Gene"));
        assertEquals(bad.toAbsolutePath(), r.problems().get(2).file().toAbsolutePath());
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndSkipped(@TempDir Path dir) throws IOException {
        Path bad = badEdges(dir);
        assertBadLinesReported(HetionetImporter.merge(store, nodes, bad, options(false)), bad);
        assertEquals(Map.of("TREATS_CtD", 1L, "INTERACTS_GiG", 1L), store.relationshipCounts());
    }

    @Test
    void strictFailsBeforeWritingAnything(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("edges.sif");
        Files.writeString(bad, "source\tmetaedge\ttarget\nCompound::DB00331\tCtD\tDisease::DOID:9352\n"
                + "Compound::DB00331\tCtD\tDisease::DOID:0000\n");
        HetionetImporter.ImportException e = assertThrows(HetionetImporter.ImportException.class,
                () -> HetionetImporter.merge(store, nodes, bad, options(true)));
        assertEquals(3, e.problem().line());
        assertTrue(e.getMessage().contains("edges.sif:3"), e.getMessage());
        assertEquals(Map.of(), store.nodeCounts());
        assertEquals(Map.of(), store.relationshipCounts());
    }

    @Test
    void bulkImportIntoAFreshDatabaseThenMergeChangesNothing(@TempDir Path fresh) {
        GraphConfig config = TestGraphs.embedded(fresh);
        assertFalse(HetionetImporter.databaseExists(config));
        // as import-hetionet runs it: the server serves Bolt only
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config, nodes, edges, options(false), true);
        try (GraphStore bulkStore = bulk.store()) {
            assertEquals(0L, pluginProcedures(bulkStore), "no GDS or APOC procedures on a Bolt-only server");
            assertTrue(bulkStore.browserUrl().isEmpty(), "no HTTP server, no Browser");
            assertTrue(serverJvmArguments(bulkStore).contains("-XX:TieredStopAtLevel=1"),
                    "a Bolt-only server lives for seconds: C1 only");
            assertEquals("bulk", bulk.report().path());
            assertEquals(NODES, bulkStore.nodeCounts());
            assertEquals(EDGES, bulkStore.relationshipCounts());
            assertEquals(11, bulk.report().nodes());
            assertEquals(15, bulk.report().edges());
            // node ids are the store's own: kind by kind in NodeKind order, each kind in file order
            assertEquals(List.of("UBERON:0002107", "DB00331", "DB01076", "DB00945", "DOID:9352", "DOID:3393", "5468",
                    "3156", "5742", "N0000175565", "D005221"), bulkStore.read("MATCH (n) WHERE NOT n:DataSource "
                    + "RETURN n.identifier AS i ORDER BY id(n)", Map.of()).stream().map(r -> r.get("i")).toList());
            assertEquals(List.of(Map.of("id", 1L, "drug", "Metformin", "disease", "DOID:9352", "source",
                    HetionetImporter.SOURCE, "nsource", HetionetImporter.SOURCE, "labels", List.of("Compound"))),
                    bulkStore.read("MATCH (c:Compound {identifier: 'DB00331'})-[r:TREATS_CtD]->(d:Disease) RETURN id(c) "
                            + "AS id, c.name AS drug, d.identifier AS disease, r.source AS source, c.source AS nsource, "
                            + "labels(c) AS labels", Map.of()));
            assertEquals(List.of(Map.of("n", 15L)), bulkStore.read("MATCH ()-[r]->() WHERE r.source = $s "
                    + "RETURN count(r) AS n", Map.of("s", HetionetImporter.SOURCE)));
            // the data source record: counts from the importer's JVM, the SHA-256 of the files as the Bolt path reads it
            assertEquals(List.of(Map.of("hits", 1L)), bulkStore.read("MATCH (d:DataSource {name: 'hetionet'}) "
                    + "WHERE d.nodes = 11 AND d.edges = 15 AND d.sha256 = $sha RETURN count(d) AS hits",
                    Map.of("sha", HetionetImporter.parse(nodes, edges, options(false)).sha256())));
            // schema and full-text index are there after the bulk path
            assertEquals(1, bulkStore.read("CALL db.index.fulltext.queryNodes('entity_names', 'metformin') "
                    + "YIELD node RETURN node.identifier AS id", Map.of()).size());
            HetionetImporter.Report again = HetionetImporter.merge(bulkStore, nodes, edges, options(false));
            assertTrue(again.changes().isEmpty(), again.changes().toString());
            assertEquals(EDGES, bulkStore.relationshipCounts());
        }
        assertTrue(HetionetImporter.databaseExists(config));
        GraphException e = assertThrows(GraphException.class,
                () -> HetionetImporter.bulkImport(config, nodes, edges, options(false)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void bulkImportStartsNeo4jDuringTheImportAndRedoesAKilledOne(@TempDir Path fresh) throws IOException {
        GraphConfig config = TestGraphs.embedded(fresh);
        // what a bulk import killed during the swap leaves: its marker, a half-made database, a staging store
        Path half = config.home().resolve("data/databases/neo4j");
        Files.createDirectories(half);
        Files.writeString(half.resolve("neostore.nodestore.db"), "not a store");
        Files.createDirectories(config.home().resolve("data/databases/" + EmbeddedServer.STAGING_DATABASE));
        Files.writeString(HetionetImporter.incompleteMarker(config), "left by a killed import\n");
        assertFalse(HetionetImporter.databaseExists(config));
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config, nodes, edges, options(false));
        try (GraphStore bulkStore = bulk.store()) {
            List<String> jvm = serverJvmArguments(bulkStore);
            assertTrue(jvm.contains("-XX:+UseG1GC") && !jvm.contains("-XX:TieredStopAtLevel=1"),
                    "the serving server keeps C2: " + jvm);
            assertTrue(jvm.contains("-Xmn262144k"), "a young generation of a quarter of the 1g heap: " + jvm);
            assertEquals(NODES, bulkStore.nodeCounts());
            assertEquals(EDGES, bulkStore.relationshipCounts());
            // Neo4j started on an empty database while the importer ran, then the imported store was swapped in
            List<String> phases = bulkStore.serverPhases().stream().map(EmbeddedServer.Phase::name).toList();
            assertTrue(phases.indexOf("started") >= 0 && phases.indexOf("started") < phases.indexOf("swapped"),
                    phases.toString());
            // the serving server (as `start` runs it) has the plugins and the Browser
            assertTrue(pluginProcedures(bulkStore) > 0, "GDS and APOC procedures registered");
            assertTrue(bulkStore.browserUrl().isPresent());
        }
        assertTrue(HetionetImporter.databaseExists(config));
        assertFalse(Files.exists(config.home().resolve("data/databases/" + EmbeddedServer.STAGING_DATABASE)),
                "the staging store was moved into place");
    }

    private static long pluginProcedures(GraphStore store) {
        return (Long) store.read("SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'gds.' OR name STARTS WITH 'apoc.' "
                + "RETURN count(*) AS n", Map.of()).get(0).get("n");
    }

    @Test
    void strictBulkImportFailsBeforeAnyStoreIsWritten(@TempDir Path fresh) throws IOException {
        Path bad = fresh.resolve("edges.sif");
        Files.writeString(bad, "source\tmetaedge\ttarget\nCompound::DB00331\tCtD\tDisease::DOID:9352\n"
                + "Compound::DB00331\tCtD\tDisease::DOID:0000\n");
        GraphConfig config = TestGraphs.embedded(fresh.resolve("neo4j"));
        HetionetImporter.ImportException e = assertThrows(HetionetImporter.ImportException.class,
                () -> HetionetImporter.bulkImport(config, nodes, bad, options(true)));
        // found by the importer's JVM, which reads the files itself, and reported with file and line
        assertEquals(3, e.problem().line());
        assertEquals(bad.toAbsolutePath(), e.problem().file());
        assertTrue(e.getMessage().contains("edges.sif:3: missing node 'Disease::DOID:0000'"), e.getMessage());
        assertFalse(HetionetImporter.databaseExists(config));
        assertFalse(Files.exists(config.home().resolve("data/databases/neo4j")), "no store is left");
        assertFalse(Files.exists(config.home().resolve("data/databases/" + EmbeddedServer.STAGING_DATABASE)),
                "the importer wrote no store");
        assertFalse(Files.exists(HetionetImporter.incompleteMarker(config)));
        // a second try with good input imports
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(config, nodes, edges, options(true), true);
        try (GraphStore bulkStore = bulk.store()) {
            assertEquals(EDGES, bulkStore.relationshipCounts());
        }
    }

    @Test
    void bulkImportSkipsBadLinesAndReportsThemWithFileAndLine(@TempDir Path fresh) throws IOException {
        Path bad = badEdges(fresh);
        HetionetImporter.BulkResult bulk = HetionetImporter.bulkImport(TestGraphs.embedded(fresh.resolve("neo4j")),
                nodes, bad, options(false), true);
        try (GraphStore bulkStore = bulk.store()) {
            // read and checked by the importer's JVM, reported back with file and line as the Bolt path reports
            assertBadLinesReported(bulk.report(), bad);
            assertEquals(Map.of("TREATS_CtD", 1L, "INTERACTS_GiG", 1L), bulkStore.relationshipCounts());
        }
    }

    @Test
    void externalModeUsesAServerStartedSeparately() {
        HetionetImporter.merge(store, nodes, edges, options(false));
        // `store` is a separately started server: reach it as an external one, starting nothing
        GraphConfig external = GraphConfig.external(store.boltUri(), "neo4j", TestGraphs.PASSWORD);
        try (GraphStore client = GraphStore.open(external)) {
            assertTrue(client.browserUrl().isEmpty());
            assertEquals(EDGES, client.relationshipCounts());
            client.write("MERGE (:Disease {identifier: 'DOID:1'})", Map.of());
        }
        assertEquals(1, store.read("MATCH (d:Disease {identifier: 'DOID:1'}) RETURN d", Map.of()).size());
        assertTrue(store.health().up(), "closing an external client leaves the server running");
    }

    /** The server JVM's options: its command line up to the classpath. */
    private static List<String> serverJvmArguments(GraphStore store) {
        List<String> command = store.serverCommand();
        return command.subList(0, command.indexOf("-cp"));
    }
}
