package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.Relation;

/**
 * Crash safety: a real child JVM runs the ingest CLI against the test's Neo4j, is killed with
 * {@code kill -9} in the middle, and is run again; every document must then be in the graph exactly once,
 * with exactly the evidence an uninterrupted run gives.
 */
class KillRecoveryTest {

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly); // only if an assertion failed while one still ran
    }

    @Test
    void killedMidRunThenRerunIngestsEveryDocumentExactlyOnce() throws Exception {
        Path input = ReadersTest.shared("text/pubmed/medline16n0902.xml.gz");
        long expectedDocs = 0;
        long expectedEvidence = 0;
        long expectedPositive = 0;
        DictionaryTestAnnotator annotator = new DictionaryTestAnnotator();
        for (SourceDocument d : ReadersTest.read(input, ReadersTest.config()).docs) {
            expectedDocs++;
            AnnotatedDocument a = annotator.annotate(d.id(), d.text());
            for (Relation r : a.relations()) {
                if (r.subject().identifier() != null && r.object().identifier() != null) {
                    expectedEvidence++;
                    boolean negated = r.negated() || !r.subject().asserted() || !r.object().asserted();
                    expectedPositive += negated ? 0 : 1;
                }
            }
        }
        assertEquals(604, expectedDocs);

        GraphStore store = SharedNeo4j.empty();
        Path password = dir.resolve("password");
        Files.writeString(password, "test-password");

        Process first = start(child(store.boltUri(), password, input, 25));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long landed = 0;
        while (System.nanoTime() < deadline && first.isAlive()) {
            landed = documents(store);
            if (landed >= 100) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(first.isAlive(), "the child finished before it could be killed; landed " + landed);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(first.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by SIGKILL");
        long afterKill = documents(store);
        assertTrue(afterKill >= 100 && afterKill < expectedDocs, "killed mid-run: " + afterKill + " documents");
        assertEquals(0, count(store, "MATCH (f:IngestFile) RETURN count(f) AS n"), "no ledger entry yet");

        Process second = start(child(store.boltUri(), password, input, 0));
        assertTrue(second.waitFor(180, TimeUnit.SECONDS), "second run finished");
        String out = Files.readString(dir.resolve("child-0.log"));
        assertEquals(0, second.exitValue(), out);
        assertTrue(out.contains((expectedDocs - afterKill) + " ingested (0 revised), " + afterKill + " skipped"),
                "the second run wrote exactly the documents the first did not commit: " + out);

        assertEquals(expectedDocs, documents(store));
        assertEquals(expectedEvidence, count(store, "MATCH (e:Evidence) RETURN count(e) AS n"));
        assertEquals(expectedEvidence, count(store, "MATCH (e:Evidence) RETURN count(DISTINCT e.id) AS n"));
        assertEquals(expectedEvidence, count(store, "MATCH (:Document)-[h:HAS_EVIDENCE]->() RETURN count(h) AS n"));
        assertEquals(0, count(store, "MATCH (d:Document) WHERE d.evidenceCount <> COUNT { (d)-[:HAS_EVIDENCE]->() } "
                + "RETURN count(d) AS n"), "every document has exactly its own evidence");
        assertEquals(expectedPositive, count(store, "MATCH ()-[r]->() WHERE type(r) STARTS WITH 'LITERATURE_' "
                + "RETURN coalesce(sum(r.evidenceCount), 0) AS n"), "aggregates count each evidence once");
        assertEquals(1, count(store, "MATCH (f:IngestFile {status: 'done'}) RETURN count(f) AS n"));

        // and a third run does nothing
        Process third = start(child(store.boltUri(), password, input, 0));
        assertTrue(third.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, third.exitValue());
        assertEquals(expectedDocs, documents(store));
        assertEquals(expectedEvidence, count(store, "MATCH (e:Evidence) RETURN count(e) AS n"));
    }

    private ProcessBuilder child(String boltUri, Path password, Path input, int delayMs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Drepurpose.test.annotatorDelayMs=" + delayMs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(IngestCli.class.getName());
        cmd.addAll(List.of("--neo4j", boltUri, "--password-file", password.toString(),
                "--annotator-class", DictionaryTestAnnotator.class.getName(), "--workers", "2", "--batch", "5",
                "--quarantine", dir.resolve("quarantine").toString(), "--progress", "1", input.toString()));
        File log = dir.resolve("child-" + delayMs + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    }

    private Process start(ProcessBuilder pb) throws java.io.IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static long documents(GraphStore store) {
        return count(store, "MATCH (d:Document) RETURN count(d) AS n");
    }

    private static long count(GraphStore store, String cypher) {
        return (Long) store.read(cypher, Map.of()).get(0).get("n");
    }
}
