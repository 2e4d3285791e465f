package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.repurpose.graph.GraphStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL during the Hetionet import, on both load paths, then the same command again: the graph must
 * hold exactly the fixture's nodes and relationships per label and type (what an uninterrupted import
 * writes), nothing lost and nothing doubled. The application runs as a real child JVM ({@code Main
 * import-hetionet}) and is killed with {@code kill -9}; the embedded Neo4j it started must not outlive it.
 * (The same for ingestion: ingest's {@code KillRecoveryTest} kills the ingest CLI mid-job.)
 */
class KillDuringImportTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly(); // only if an assertion failed while one still ran
        }
    }

    /** A seeded Hetionet-shaped fixture: 3,000 genes, 400 compounds, 150 diseases, 20,500 edges of 5 types. */
    record Fixture(Path nodes, Path edges, Map<String, Long> labels, Map<String, Long> types) {
    }

    static Fixture fixture(Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        Map<String, Long> labels = new TreeMap<>(Map.of("Gene", 3000L, "Compound", 400L, "Disease", 150L));
        Path nodes = dir.resolve("nodes.tsv");
        try (BufferedWriter w = Files.newBufferedWriter(nodes)) {
            w.write("id\tname\tkind\n");
            for (int i = 0; i < 3000; i++) {
                w.write("Gene::" + (1000 + i) + "\tgene " + i + "\tGene\n");
            }
            for (int i = 0; i < 400; i++) {
                w.write("Compound::DB" + String.format("%05d", i) + "\tcompound " + i + "\tCompound\n");
            }
            for (int i = 0; i < 150; i++) {
                w.write("Disease::DOID:" + (5000 + i) + "\tdisease " + i + "\tDisease\n");
            }
        }
        // distinct edges per metaedge: [abbreviation, source kind, source count, target kind, target count, n]
        Object[][] spec = {{"GiG", "Gene", 3000, "Gene", 3000, 10_000}, {"CbG", "Compound", 400, "Gene", 3000, 5_000},
                {"DaG", "Disease", 150, "Gene", 3000, 4_000}, {"CtD", "Compound", 400, "Disease", 150, 1_000},
                {"DrD", "Disease", 150, "Disease", 150, 500}};
        Map<String, Long> types = new TreeMap<>();
        Path edges = dir.resolve("edges.sif.gz");
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(edges)), StandardCharsets.UTF_8))) {
            w.write("source\tmetaedge\ttarget\n");
            for (Object[] s : spec) {
                LinkedHashSet<String> seen = new LinkedHashSet<>();
                while (seen.size() < (int) s[5]) {
                    String a = id((String) s[1], r.nextInt((int) s[2]));
                    String b = id((String) s[3], r.nextInt((int) s[4]));
                    if (!a.equals(b)) {
                        seen.add(a + "\t" + s[0] + "\t" + b);
                    }
                }
                for (String e : seen) {
                    w.write(e + "\n");
                }
                String verb = Map.of("GiG", "INTERACTS", "CbG", "BINDS", "DaG", "ASSOCIATES", "CtD", "TREATS",
                        "DrD", "RESEMBLES").get((String) s[0]);
                types.put(verb + "_" + s[0], (long) seen.size());
            }
        }
        return new Fixture(nodes, edges, labels, types);
    }

    private static String id(String kind, int i) {
        return switch (kind) {
            case "Gene" -> "Gene::" + (1000 + i);
            case "Compound" -> "Compound::DB" + String.format("%05d", i);
            default -> "Disease::DOID:" + (5000 + i);
        };
    }

    private Process importCommand(Fixture f, List<String> settings, String log, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import-hetionet",
                "--nodes", f.nodes().toString(), "--edges", f.edges().toString()));
        cmd.addAll(List.of(extra));
        cmd.addAll(settings);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile())
                .start();
        started.add(p);
        return p;
    }

    private static void kill9(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
    }

    private String log(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private static void assertExactly(Fixture f, GraphStore store) {
        Map<String, Long> labels = new TreeMap<>(store.nodeCounts());
        assertEquals(1L, labels.remove("DataSource"), "one DataSource node: " + labels);
        assertEquals(f.labels(), labels, "nodes per label");
        assertEquals(f.types(), store.relationshipCounts(), "relationships per type");
        // and no duplicates even where counts could hide them
        assertEquals(0L, store.read("MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 "
                + "RETURN count(*) AS c", Map.of()).get(0).get("c"), "doubled relationships");
        assertEquals(0L, store.read("MATCH (n) WITH labels(n)[0] AS l, n.identifier AS id, count(*) AS c "
                + "WHERE c > 1 RETURN count(*) AS c", Map.of()).get(0).get("c"), "doubled nodes");
    }

    /**
     * The bulk path (a fresh embedded database, the one {@code start} takes): killed while Neo4j's importer
     * runs in the server JVM the application started. That server must go too, and the next run must
     * import everything.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedDuringBulkImportThenRerunLoadsEverythingOnce() throws Exception {
        Fixture f = fixture(dir);
        Path home = dir.resolve("neo4j");
        List<String> settings = List.of("--repurpose.neo4j.home=" + home, "--repurpose.neo4j.password="
                + TestNeo4j.PASSWORD, "--repurpose.neo4j.bolt-port=0", "--repurpose.neo4j.http-port=0",
                "--repurpose.neo4j.server-heap=512m", "--repurpose.neo4j.page-cache=64m");
        Process first = importCommand(f, settings, "bulk-1.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        List<ProcessHandle> server = List.of();
        while (System.nanoTime() < deadline && first.isAlive() && server.isEmpty()) {
            Thread.sleep(100);
            if (log("bulk-1.log").contains("bulk import of")) {
                server = first.descendants().toList(); // the importer JVM (Neo4j's batch importer, fed from memory) and the server JVM
            }
        }
        assertTrue(first.isAlive() && !server.isEmpty(), "the import did not reach the bulk importer: "
                + log("bulk-1.log"));
        Thread.sleep(1500); // inside the batch import
        kill9(first);
        String firstLog = log("bulk-1.log");
        assertTrue(!firstLog.contains("imported; server started"), "killed before the import finished: " + firstLog);
        assertTrue(Files.exists(home.resolve("data/bulk-import-neo4j.incomplete")), "an unfinished import is marked");
        // the Neo4j JVM the killed application started sees its standard input close and goes at once
        long t0 = System.nanoTime();
        for (ProcessHandle h : server) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("bulk import killed; the Neo4j JVM it had started exited %d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

        Process second = importCommand(f, settings, "bulk-2.log");
        assertTrue(second.waitFor(240, TimeUnit.SECONDS), "second run finished: " + log("bulk-2.log"));
        assertEquals(0, second.exitValue(), log("bulk-2.log"));
        assertTrue(log("bulk-2.log").contains("bulk import"), log("bulk-2.log"));
        assertTrue(!Files.exists(home.resolve("data/bulk-import-neo4j.incomplete")));

        try (GraphStore store = GraphStore.open(TestNeo4j.config(home))) {
            assertExactly(f, store);
        }
    }

    /** The Bolt merge path (an existing database, or {@code --bolt}): killed mid-edges, run again, run a third time. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedDuringBoltMergeThenRerunLoadsEverythingOnce() throws Exception {
        Fixture f = fixture(dir);
        try (GraphStore store = GraphStore.open(TestNeo4j.config(dir.resolve("neo4j-bolt")))) {
            killedDuringBoltMergeThenRerun(f, store);
        }
    }

    private void killedDuringBoltMergeThenRerun(Fixture f, GraphStore store) throws Exception {
        long total = f.types().values().stream().mapToLong(Long::longValue).sum();
        List<String> settings = List.of("--repurpose.neo4j.uri=" + store.boltUri(),
                "--repurpose.neo4j.password=" + TestNeo4j.PASSWORD);
        Process first = importCommand(f, settings, "bolt-1.log", "--bolt", "--batch-size", "500", "--writers", "1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long rels = 0;
        while (System.nanoTime() < deadline && first.isAlive()) {
            rels = TestNeo4j.relationshipCount(store);
            if (rels >= 1_000) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(first.isAlive(), "the import finished before it could be killed (" + rels + " relationships): "
                + log("bolt-1.log"));
        kill9(first);
        long atKill = TestNeo4j.relationshipCount(store);
        assertTrue(atKill > 0 && atKill < total, "killed mid-import: " + atKill + " of " + total);
        System.out.printf("Bolt merge killed at %,d of %,d relationships%n", atKill, total);

        Process second = importCommand(f, settings, "bolt-2.log", "--bolt", "--batch-size", "5000");
        assertTrue(second.waitFor(240, TimeUnit.SECONDS), "second run finished: " + log("bolt-2.log"));
        assertEquals(0, second.exitValue(), log("bolt-2.log"));
        assertExactly(f, store);
        // a third run changes nothing
        Process third = importCommand(f, settings, "bolt-3.log", "--bolt", "--batch-size", "5000");
        assertTrue(third.waitFor(240, TimeUnit.SECONDS));
        assertEquals(0, third.exitValue(), log("bolt-3.log"));
        assertTrue(log("bolt-3.log").contains("(nothing changed)"), log("bolt-3.log"));
        assertExactly(f, store);
    }
}
