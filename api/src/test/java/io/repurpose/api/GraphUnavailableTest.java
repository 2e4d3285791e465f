package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Neo4j stops under a running API: queries get 503 problem+json (after the first, at once) and /health
 * says DOWN; Neo4j starts again on the same port and home: the API answers again without a restart.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphUnavailableTest implements TestPropertyProvider {
    private GraphStore server;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ObjectMapper json;

    @Override
    public Map<String, String> getProperties() {
        server = TestNeo4j.startWithFixture();
        Map<String, String> p = new java.util.HashMap<>(TestNeo4j.properties(server));
        // the first request after the stop waits out the driver's transaction retries: bounded by this setting
        p.put("repurpose.neo4j.max-retry-time", "2s");
        p.put("repurpose.neo4j.connection-timeout", "2s");
        p.put("micronaut.http.client.read-timeout", "90s");
        return p;
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void stoppedNeo4jIs503AndHealthDown() {
        ApiClient api = new ApiClient(http.toBlocking(), json);
        assertEquals(200, api.get("/api/v1/entities/DB00331", TestNeo4j.READ_KEY).status());
        assertEquals(200, api.get("/api/v1/entities?q=metformin", TestNeo4j.READ_KEY).status());
        server.close(); // stops the server the application talks to

        long t0 = System.nanoTime();
        ApiClient.Reply r = api.get("/api/v1/entities/DB00331", TestNeo4j.READ_KEY);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, r.status(), r.body());
        assertEquals(Problem.CONTENT_TYPE, r.contentType());
        assertEquals(503, ((Number) r.get("status")).intValue());
        assertTrue(r.body().contains("graph-unavailable"), r.body());
        System.out.println("first 503 after " + millis + " ms (repurpose.neo4j.max-retry-time 2s)");
        assertTrue(millis < 15_000, "503 must come fast, not after the driver's default 30 s: " + millis + " ms");

        // many clients at once during the outage: every one a 503 problem, none waits
        java.util.List<java.util.concurrent.CompletableFuture<ApiClient.Reply>> burst = new java.util.ArrayList<>();
        long b0 = System.nanoTime();
        for (int i = 0; i < 32; i++) {
            String uri = i % 2 == 0 ? "/api/v1/entities/DB00331" : "/api/v1/evidence?drug=DB00331";
            burst.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> api.get(uri, TestNeo4j.READ_KEY)));
        }
        for (var f : burst) {
            ApiClient.Reply each = f.join();
            assertEquals(503, each.status(), each.body());
            assertEquals(Problem.CONTENT_TYPE, each.contentType());
        }
        System.out.println("32 concurrent requests during the outage: all 503 in "
                + (System.nanoTime() - b0) / 1_000_000 + " ms");

        t0 = System.nanoTime();
        assertEquals(503, api.get("/api/v1/evidence?drug=DB00331", TestNeo4j.READ_KEY).status());
        ApiClient.Reply health = api.get("/health", null);
        millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, health.status(), health.body());
        assertEquals("DOWN", health.get("status"));
        assertTrue(millis < 3000, "known outage should answer at once, took " + millis + " ms");
        // search is served from the in-process index built before the outage: it keeps answering
        ApiClient.Reply search = api.get("/api/v1/entities?q=metformin", TestNeo4j.READ_KEY);
        assertEquals(200, search.status(), search.body());
        assertTrue(search.body().contains("DB00331"), search.body());

        // start Neo4j again on the same home and Bolt port: the API recovers by itself
        int bolt = java.net.URI.create(server.boltUri()).getPort();
        server = GraphStore.open(server.config().withPorts(bolt, 0));
        long up = System.nanoTime();
        long deadline = up + 30_000_000_000L;
        int status;
        do {
            status = api.get("/api/v1/entities/DB00331", TestNeo4j.READ_KEY).status();
        } while (status != 200 && System.nanoTime() < deadline && sleep());
        assertEquals(200, status);
        System.out.println("recovered " + (System.nanoTime() - up) / 1_000_000 + " ms after Neo4j answered again "
                + "(no restart of the API)");
        assertEquals(200, api.get("/health", null).status());
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
