package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.repurpose.graph.GraphStore;

/**
 * Hostile files through the whole pipeline against a real Neo4j: XML that tries to reach the network
 * (external DTD, external and parameter entities pointing at a local socket that counts connections),
 * entity expansion, gzip bombs (a few MB expanding to GBs) in every format, and invalid UTF-8 in every
 * format. Each must end as a quarantined file with its error, the graph unchanged, within a bounded time
 * and heap.
 */
class HostileFilesTest {
    /** Every hostile file's first record is also a perfectly good document but for the hostile part. */
    static final String GOOD_SENTENCE = "Metformin is used to treat type 2 diabetes.";

    @TempDir
    Path work;
    GraphStore store;
    IngestPipeline pipeline;
    ServerSocket trap;
    final AtomicInteger connections = new AtomicInteger();
    Thread acceptor;

    @BeforeEach
    void setUp() throws IOException {
        store = SharedNeo4j.empty();
        pipeline = new IngestPipeline(store, new DictionaryTestAnnotator(),
                IngestConfig.withQuarantine(work.resolve("quarantine")).withWorkers(2).withBatchSize(10));
        // a local "remote server": any connection to it means the parser went to the network
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try {
                    trap.accept().close();
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "xxe-trap");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (trap != null) {
            trap.close();
            acceptor.join(5000);
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + trap.getLocalPort() + "/" + path;
    }

    static String citation(String pmid, String abstractText) {
        return "<PubmedArticle><MedlineCitation><PMID>" + pmid + "</PMID><Article><ArticleTitle>Title " + pmid
                + "</ArticleTitle><Abstract><AbstractText>" + abstractText + "</AbstractText></Abstract></Article>"
                + "</MedlineCitation></PubmedArticle>";
    }

    record Graph(long nodes, long relationships, long properties) {
    }

    Graph graph() {
        Map<String, Object> n = store.read("MATCH (n) RETURN count(n) AS c, coalesce(sum(size(keys(n))), 0) AS p",
                Map.of()).get(0);
        long r = (Long) store.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
        return new Graph((Long) n.get("c"), r, (Long) n.get("p"));
    }

    /** Ingests {@code file}; it must be quarantined with an error, and nothing but its ledger entry written. */
    IngestReport assertQuarantined(Path file, String expectedInError) throws IOException {
        Graph before = graph();
        IngestReport r = pipeline.ingest(List.of(file));
        assertFalse(r.aborted(), r.summary());
        assertEquals(1, r.filesFailed(), r.summary());
        assertEquals(0, r.documentsIngested(), r.summary());
        assertTrue(r.errors().stream().anyMatch(e -> e.toString().contains(expectedInError)),
                "error names the problem (" + expectedInError + "): " + r.summary());
        Path q = work.resolve("quarantine").resolve(r.jobId());
        assertTrue(Files.exists(q.resolve(file.getFileName().toString())), "file quarantined: " + r.summary());
        assertTrue(Files.readString(q.resolve("errors.tsv")).contains(file.getFileName().toString()));
        // the file's ledger entry (status bad-input) is the one node it may add
        store.write("MATCH (f:IngestFile {status: 'bad-input'}) DELETE f", Map.of());
        assertEquals(before, graph(), "graph unchanged by " + file.getFileName() + ": " + r.summary());
        return r;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void xmlThatReachesForTheNetworkIsRefusedWithoutAConnection() throws Exception {
        String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        Map<String, String> files = Map.of(
                // an external entity in the document
                "xxe-general.xml", header + "<!DOCTYPE PubmedArticleSet [<!ENTITY e SYSTEM \"" + url("secret")
                        + "\">]>\n<PubmedArticleSet>" + citation("91000001", GOOD_SENTENCE + " &e;")
                        + "</PubmedArticleSet>",
                // a parameter entity, the usual out-of-band exfiltration route
                "xxe-parameter.xml", header + "<!DOCTYPE PubmedArticleSet [<!ENTITY % p SYSTEM \"" + url("p.dtd")
                        + "\"> %p;]>\n<PubmedArticleSet>" + citation("91000002", GOOD_SENTENCE + " &exfil;")
                        + "</PubmedArticleSet>",
                // entity expansion ("billion laughs")
                "laughs.xml", header + "<!DOCTYPE PubmedArticleSet [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>\n"
                        + "<PubmedArticleSet>" + citation("91000003", GOOD_SENTENCE + " &e;&e;&e;&e;&e;&e;")
                        + "</PubmedArticleSet>");
        for (var f : files.entrySet()) {
            Path file = Files.writeString(work.resolve(f.getKey()), f.getValue());
            assertQuarantined(file, "line ");
        }
        // a DOCTYPE with an external DTD but no entity (what PubMed's own files look like): read, never fetched
        Path dtdOnly = Files.writeString(work.resolve("external-dtd.xml"), header
                + "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2019//EN\" \""
                + url("pubmed_190101.dtd") + "\">\n<PubmedArticleSet>" + citation("91000004", GOOD_SENTENCE)
                + "</PubmedArticleSet>");
        IngestReport r = pipeline.ingest(List.of(dtdOnly));
        assertEquals(1, r.documentsIngested(), r.summary());
        Thread.sleep(300); // a connection attempt would have been accepted by now
        assertEquals(0, connections.get(), "the XML parser connected to the network");
    }

    private static final Map<Byte, byte[]> MEMBERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code prefix} then {@code fill} repeated to {@code gigabytes} GB, as concatenated gzip members: one
     * member of 64 MB is compressed once and repeated, so a 4 GB bomb costs ~4 MB and a fraction of a second.
     */
    static Path gzipBomb(Path file, String prefix, byte fill, int gigabytes) throws IOException {
        byte[] m = MEMBERS.computeIfAbsent(fill, f -> {
            byte[] block = new byte[64 << 20];
            java.util.Arrays.fill(block, f);
            ByteArrayOutputStream member = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
                gz.write(block);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return member.toByteArray();
        });
        try (OutputStream out = Files.newOutputStream(file)) {
            try (GZIPOutputStream gz = new GZIPOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void close() throws IOException {
                    flush(); // the members that follow go to the same file
                }
            })) {
                gz.write(prefix.getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < gigabytes * 16; i++) {
                out.write(m);
            }
        }
        return file;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void gzipBombsAreStoppedAndQuarantinedInEveryFormat() throws Exception {
        String xmlOpen = "<?xml version=\"1.0\"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>92000001"
                + "</PMID><Article><ArticleTitle>Bomb</ArticleTitle><Abstract><AbstractText>" + GOOD_SENTENCE + " ";
        List<Path> bombs = List.of(
                gzipBomb(work.resolve("bomb-abstract.xml.gz"), xmlOpen, (byte) 'a', 4),
                gzipBomb(work.resolve("bomb-line.pubtator.gz"), "92000002|t|" + GOOD_SENTENCE + " ", (byte) 'a', 4),
                gzipBomb(work.resolve("bomb-field.csv.gz"), "id,description,specialty,sample name,transcription,"
                        + "keywords\n92000003,d,s,n,\"" + GOOD_SENTENCE + " ", (byte) 'a', 4),
                gzipBomb(work.resolve("bomb-zeros.txt.gz"), "", (byte) 0, 4),
                // harmless-looking content (whitespace, blank lines) that no record bound stops: the ratio does
                gzipBomb(work.resolve("bomb-spaces.xml.gz"), "<PubmedArticleSet>", (byte) ' ', 4),
                gzipBomb(work.resolve("bomb-blank.pubtator.gz"), "", (byte) '\n', 4));
        for (Path bomb : bombs) {
            assertTrue(Files.size(bomb) < 8 << 20, "a small file: " + Files.size(bomb));
            long t0 = System.nanoTime();
            String name = bomb.getFileName().toString();
            assertQuarantined(bomb, name.contains("spaces") || name.contains("blank") ? "gzip bomb"
                    : name.contains("zeros") ? "longer than" : "longer than 4000000 characters");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            System.out.printf("%s (%,d bytes, 4 GB inflated): quarantined in %d s%n", bomb.getFileName(),
                    Files.size(bomb), seconds);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        assertTrue(used < rt.maxMemory() / 2, "heap after the bombs: " + used);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void invalidUtf8IsQuarantinedInEveryFormat() throws Exception {
        // a stray continuation byte, a truncated sequence, an overlong '/', an encoded surrogate, 0xFF
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC3, '('}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        int n = 0;
        for (byte[] b : bad) {
            n++;
            String pmid = "9300000" + n;
            write(work.resolve("bad-" + n + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PubmedArticleSet>"
                    + "<PubmedArticle><MedlineCitation><PMID>" + pmid + "</PMID><Article><ArticleTitle>Title"
                    + "</ArticleTitle><Abstract><AbstractText>" + GOOD_SENTENCE + " X", b, "</AbstractText></Abstract>"
                    + "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
            write(work.resolve("bad-" + n + ".pubtator"), pmid + "|t|Title\n" + pmid + "|a|" + GOOD_SENTENCE + " X",
                    b, "\n\n");
            write(work.resolve("bad-" + n + ".csv"), "id,description,specialty,sample name,transcription,keywords\n"
                    + pmid + ",d,s,n,\"" + GOOD_SENTENCE + " X", b, "\",k\n");
            write(work.resolve("bad-" + n + ".txt"), "Note\n" + GOOD_SENTENCE + " X", b, "\n");
        }
        try (var files = Files.list(work)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bad-")).sorted().toList()) {
                assertQuarantined(f, f.toString().endsWith(".xml") ? "UTF-8" : "not valid UTF-8");
            }
        }
    }

    private static void write(Path file, String before, byte[] bad, String after) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(before.getBytes(StandardCharsets.UTF_8));
        b.write(bad);
        b.write(after.getBytes(StandardCharsets.UTF_8));
        Files.write(file, b.toByteArray());
    }
}
