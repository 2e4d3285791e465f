package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /documents, GET /jobs/{id}, and the scheduled ingestion of the watch folder. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentControllerTest implements TestPropertyProvider {
    private static final String I = TestNeo4j.INGEST_KEY;
    private Path work;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ObjectMapper json;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        try {
            work = Files.createTempDirectory("repurpose-api-ingest");
            Path watch = Files.createDirectories(work.resolve("watch"));
            // a note that only the scheduled job can bring in
            Files.writeString(watch.resolve("scheduled-1.txt"), "Scheduled note\nMetformin is used to treat type 2 "
                    + "diabetes in the scheduled cohort.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>(TestNeo4j.properties(TestNeo4j.shared()));
        p.put("repurpose.ingest.annotator", KeywordAnnotator.class.getName());
        p.put("repurpose.ingest.inbox", work.resolve("inbox").toString());
        p.put("repurpose.ingest.quarantine", work.resolve("quarantine").toString());
        p.put("repurpose.ingest.watch", work.resolve("watch").toString());
        p.put("repurpose.ingest.cron", "*/2 * * * * *");
        p.put("repurpose.ingest.workers", "1");
        return p;
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http.toBlocking(), json);
    }

    ApiClient.Reply post(String body, MediaType type, String key) {
        var r = HttpRequest.POST("/api/v1/documents", body).contentType(type);
        return api.send(key == null ? r : r.header("X-API-Key", key));
    }

    ApiClient.Reply waitForJob(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        ApiClient.Reply r;
        do {
            Thread.sleep(200);
            r = api.get("/api/v1/jobs/" + id, TestNeo4j.READ_KEY);
        } while (("queued".equals(r.get("status")) || "running".equals(r.get("status")))
                && System.nanoTime() < deadline);
        return r;
    }

    @Test
    void postedTextIsIngestedAndItsEvidenceServed() throws InterruptedException {
        ApiClient.Reply accepted = post("{\"id\": \"note:api-1\", \"title\": \"Clinic note\", \"year\": 2024, "
                + "\"text\": \"Metformin was started to treat type 2 diabetes. The patient is well.\"}",
                MediaType.APPLICATION_JSON_TYPE, I);
        assertEquals(202, accepted.status(), accepted.body());
        String id = (String) accepted.get("id");
        ApiClient.Reply done = waitForJob(id);
        assertEquals("succeeded", done.get("status"), done.body());
        Map<?, ?> counts = (Map<?, ?>) done.get("counts");
        assertEquals(1, ((Number) counts.get("documentsIngested")).intValue(), done.body());
        assertEquals(1, ((Number) counts.get("evidenceWritten")).intValue(), done.body());
        ApiClient.Reply ev = api.get("/api/v1/evidence?drug=DB00331&disease="
                + EntityControllerTest.enc("DOID:9352"), TestNeo4j.READ_KEY);
        assertTrue(ev.body().contains("note:api-1"), ev.body());
        assertTrue(ev.body().contains("Metformin was started to treat type 2 diabetes."), ev.body());
        // the same document again changes nothing
        ApiClient.Reply again = waitForJob((String) post("{\"id\": \"note:api-1\", \"title\": \"Clinic note\", "
                + "\"year\": 2024, \"text\": \"Metformin was started to treat type 2 diabetes. The patient is well.\"}",
                MediaType.APPLICATION_JSON_TYPE, I).get("id"));
        assertEquals(0, ((Number) ((Map<?, ?>) again.get("counts")).get("documentsIngested")).intValue(),
                again.body());
    }

    @Test
    void plainTextAndPubMedXml() throws InterruptedException {
        ApiClient.Reply text = post("Metformin did treat type 2 diabetes here.", MediaType.TEXT_PLAIN_TYPE, I);
        assertEquals(202, text.status(), text.body());
        assertEquals("succeeded", waitForJob((String) text.get("id")).get("status"));
        String xml = """
                <?xml version="1.0"?>
                <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>99000001</PMID><Article>
                <Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>
                <ArticleTitle>Metformin trial</ArticleTitle><Abstract><AbstractText>Metformin is used to treat type 2
                diabetes.</AbstractText></Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
                """;
        ApiClient.Reply x = post(xml, MediaType.APPLICATION_XML_TYPE, I);
        assertEquals(202, x.status(), x.body());
        ApiClient.Reply done = waitForJob((String) x.get("id"));
        assertEquals("succeeded", done.get("status"), done.body());
        assertEquals(1, ((Number) ((Map<?, ?>) done.get("counts")).get("documentsSeen")).intValue(), done.body());
    }

    @Test
    void externalEntitiesInXmlAreNotResolved() throws InterruptedException, IOException {
        Path secret = Files.writeString(work.resolve("secret.txt"), "metformin treat type 2 diabetes SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>99000002</PMID><Article>"
                + "<ArticleTitle>t</ArticleTitle><Abstract><AbstractText>&e;</AbstractText></Abstract></Article>"
                + "</MedlineCitation></PubmedArticle></PubmedArticleSet>";
        ApiClient.Reply x = post(xml, MediaType.APPLICATION_XML_TYPE, I);
        assertEquals(202, x.status(), x.body());
        ApiClient.Reply done = waitForJob((String) x.get("id"));
        assertTrue(!"succeeded".equals(done.get("status")) || ((Number) ((Map<?, ?>) done.get("counts"))
                .get("evidenceWritten")).intValue() == 0, done.body());
        ApiClient.Reply ev = api.get("/api/v1/evidence?drug=DB00331&limit=1000", TestNeo4j.READ_KEY);
        assertTrue(!ev.body().contains("SECRET"), "external entity was resolved");
    }

    @Test
    void badDocumentsAndKeys() {
        assertEquals(403, post("{\"text\": \"x\"}", MediaType.APPLICATION_JSON_TYPE, TestNeo4j.READ_KEY).status());
        assertEquals(401, post("{\"text\": \"x\"}", MediaType.APPLICATION_JSON_TYPE, null).status());
        for (String body : List.of("{\"text\": \"\"}", "{\"id\": \"x' OR 1=1\", \"text\": \"t\"}",
                "{\"text\": \"t\", \"year\": 30000}", "{not json", "{}")) {
            ApiClient.Reply r = post(body, MediaType.APPLICATION_JSON_TYPE, I);
            assertEquals(400, r.status(), body + " -> " + r.body());
            assertEquals(Problem.CONTENT_TYPE, r.contentType(), body);
        }
        assertEquals(404, api.get("/api/v1/jobs/job-nope", TestNeo4j.READ_KEY).status());
        assertEquals(415, post("a,b", MediaType.of("text/csv"), I).status());
        ApiClient.Reply big = post("x".repeat(11 * 1024 * 1024), MediaType.TEXT_PLAIN_TYPE, I);
        assertEquals(413, big.status(), "a body over micronaut.server.max-request-size (10MB)");
    }

    @Test
    void scheduledJobIngestsTheWatchFolder() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        ApiClient.Reply ev;
        do {
            Thread.sleep(500);
            ev = api.get("/api/v1/evidence?drug=DB00331&disease=" + EntityControllerTest.enc("DOID:9352")
                    + "&limit=1000", TestNeo4j.READ_KEY);
        } while (!ev.body().contains("scheduled cohort") && System.nanoTime() < deadline);
        assertTrue(ev.body().contains("scheduled cohort"), ev.body());
        ApiClient.Reply jobs = api.get("/api/v1/jobs", TestNeo4j.READ_KEY);
        assertTrue(jobs.body().contains("\"trigger\":\"schedule\""), jobs.body());
    }
}
