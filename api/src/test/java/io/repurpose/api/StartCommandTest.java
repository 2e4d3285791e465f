package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import io.repurpose.graph.GraphConfig;
import io.repurpose.graph.GraphStore;
import io.repurpose.linkpred.Candidate;
import io.repurpose.linkpred.LinkPredictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo path of {@code start} on a real embedded Neo4j: the bundled demo graph is bulk-imported, the
 * bundled documents are ingested (with {@link DictionaryAnnotator} instead of CoreNLP, to stay fast and
 * exact), link prediction trains and writes predictions; a second run on the same database imports,
 * ingests and trains nothing and changes nothing.
 */
class StartCommandTest {
    static final String T2D = "DOID:9352";

    @TempDir
    Path tmp;

    static Path demoDir() {
        Path fromModule = Path.of("..", "demo");
        return Files.isDirectory(fromModule.resolve("graph")) ? fromModule : Path.of("demo");
    }

    @Test
    void demoIsLoadedIngestedAndTrainedOnceAndASecondRunChangesNothing() throws IOException {
        StartCommand.Dataset demo = StartCommand.Dataset.demo(demoDir());
        GraphConfig graph = new GraphConfig(null, "neo4j", "test-password", null, tmp.resolve("neo4j"), 0, 0, "1g",
                "256m", Duration.ofSeconds(300));
        IngestProperties ingest = new IngestProperties("test", tmp.resolve("shared"), tmp.resolve("nlp"),
                tmp.resolve("inbox"), tmp.resolve("quarantine"), 1, null, "0 0 * * * *", 10);
        Path modelDir = tmp.resolve("model");
        Map<String, Long> expectedEdges = edgeCounts(demo.edges());
        long compoundsInFile = Files.readAllLines(demo.nodes()).stream().filter(l -> l.endsWith("\tCompound")).count();
        long documentsInFiles = documents(demo.documents().get(0));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StartCommand.Prepared first = StartCommand.prepare(demo, graph, ingest, modelDir,
                out -> DictionaryAnnotator.ofNodes(demo.nodes()), false,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        Map<String, Long> countsAfterFirst;
        try (GraphStore store = first.store()) {
            // the demo graph as written in the files
            Map<String, Long> rels = store.relationshipCounts();
            expectedEdges.forEach((type, n) -> assertEquals(n, rels.get(type), type));
            assertEquals(compoundsInFile, store.nodeCounts().get("Compound"));
            assertTrue(expectedEdges.get("TREATS_CtD") >= 60, "the demo needs enough treats edges to train");
            // every bundled document, with literature edges from its sentences
            assertEquals(documentsInFiles, store.nodeCounts().get("Document"));
            assertTrue(rels.getOrDefault("LITERATURE_TREATS", 0L) > 0, rels.toString());
            // the model was trained, saved and its predictions written back
            LinkPredictor p = first.trained();
            assertNotNull(p);
            assertTrue(Files.exists(modelDir.resolve("model.properties")));
            assertTrue(rels.getOrDefault("PREDICTS_CtD", 0L) > 0);
            assertEquals(expectedEdges.get("TREATS_CtD"), p.model().metrics().get("train.positives").longValue());
            // candidates for type 2 diabetes: the model ranks the known treatments far above chance, and the
            // best new candidates include a drug related to a known treatment (same pharmacologic class, a
            // resembling compound, or a shared target)
            List<Candidate> all = p.candidatesForDisease(T2D, Integer.MAX_VALUE, false);
            Set<String> known = ids(store, "MATCH (c:Compound)-[:TREATS_CtD]->(:Disease {identifier: $d}) "
                    + "RETURN c.identifier AS id", T2D);
            double meanKnownRank = all.stream().filter(c -> known.contains(c.drugId())).mapToInt(Candidate::rank)
                    .average().orElseThrow();
            assertTrue(meanKnownRank < all.size() / 4.0, "known treatments' mean rank " + meanKnownRank + " of "
                    + all.size());
            Set<String> related = ids(store, "MATCH (t:Compound)-[:TREATS_CtD]->(:Disease {identifier: $d}) "
                    + "MATCH (t)-[:INCLUDES_PCiC|RESEMBLES_CrC|BINDS_CbG]-(x)-[:INCLUDES_PCiC|RESEMBLES_CrC|BINDS_CbG]-"
                    + "(c:Compound) WHERE c <> t RETURN DISTINCT c.identifier AS id", T2D);
            List<Candidate> top = p.candidatesForDisease(T2D, 5, true);
            assertEquals(5, top.size());
            assertTrue(top.stream().anyMatch(c -> related.contains(c.drugId())), "top candidates " + top);
            countsAfterFirst = counts(store);
        }
        FileTime modelTime = Files.getLastModifiedTime(modelDir.resolve("model.properties"));

        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        StartCommand.Prepared second = StartCommand.prepare(demo, graph, ingest, modelDir, out -> {
            throw new AssertionError("the second run must not need the annotator");
        }, false, new PrintStream(log2, true, StandardCharsets.UTF_8));
        try (GraphStore store = second.store()) {
            assertNull(second.trained(), "the second run must not retrain");
            assertEquals(countsAfterFirst, counts(store));
        }
        assertEquals(modelTime, Files.getLastModifiedTime(modelDir.resolve("model.properties")));
        String text = log2.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("nothing imported"), text);
        assertTrue(text.contains("already ingested"), text);
        assertTrue(text.contains("not retrained"), text);
        assertFalse(second.steps().isEmpty());
    }

    private static Set<String> ids(GraphStore store, String cypher, String disease) {
        Set<String> out = new HashSet<>();
        store.read(cypher, Map.of("d", disease)).forEach(r -> out.add((String) r.get("id")));
        return out;
    }

    /** Nodes per label and relationships per type, and a checksum of the predictions' scores. */
    private static Map<String, Long> counts(GraphStore store) {
        Map<String, Long> m = new TreeMap<>();
        store.nodeCounts().forEach((k, v) -> m.put("nodes " + k, v));
        store.relationshipCounts().forEach((k, v) -> m.put("rels " + k, v));
        m.put("evidence ids", ((Number) store.read("MATCH (e:Evidence) RETURN count(DISTINCT e.id) AS n", Map.of())
                .get(0).get("n")).longValue());
        return m;
    }

    /** Edges per Neo4j relationship type in a Hetionet-layout SIF.gz (metaedge abbreviation → type). */
    private static Map<String, Long> edgeCounts(Path sif) throws IOException {
        Map<String, String> types = Map.ofEntries(Map.entry("CtD", "TREATS_CtD"), Map.entry("CbG", "BINDS_CbG"),
                Map.entry("DaG", "ASSOCIATES_DaG"), Map.entry("CpD", "PALLIATES_CpD"),
                Map.entry("CrC", "RESEMBLES_CrC"), Map.entry("DrD", "RESEMBLES_DrD"));
        Map<String, Long> out = new TreeMap<>();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(new GZIPInputStream(
                Files.newInputStream(sif)), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String type = types.get(line.split("\t")[1]);
                if (type != null) {
                    out.merge(type, 1L, Long::sum);
                }
            }
        }
        return out;
    }

    /** PubMed articles plus note rows in the demo documents folder. */
    private static long documents(Path folder) throws IOException {
        long n = 0;
        for (Path f : StartCommand.files(List.of(folder))) {
            String s = Files.readString(f);
            if (f.toString().endsWith(".xml")) {
                n += s.split("<PubmedArticle>", -1).length - 1;
            } else if (f.toString().endsWith(".csv")) {
                n += s.lines().filter(l -> l.startsWith("demo-")).count();
            }
        }
        return n;
    }
}
