package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EntityControllerTest implements TestPropertyProvider {
    private static final String R = TestNeo4j.READ_KEY;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ObjectMapper json;

    @Inject
    GraphStore store;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        return TestNeo4j.properties(TestNeo4j.shared());
    }

    @BeforeEach
    void client() {
        api = new ApiClient(http.toBlocking(), json);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(ApiClient.Reply r) {
        return (List<Map<String, Object>>) r.get("items");
    }

    static List<Object> ids(ApiClient.Reply r) {
        assertEquals(200, r.status(), r.body());
        return items(r).stream().map(m -> m.get("id")).toList();
    }

    @Test
    void searchFindsByNameRankedFirst() {
        ApiClient.Reply r = api.get("/api/v1/entities?q=metformin", R);
        assertEquals(200, r.status(), r.body());
        assertEquals("DB00331", ids(r).get(0));
        assertEquals("Compound", items(r).get(0).get("type"));
        assertEquals("Metformin", items(r).get(0).get("name"));
    }

    @Test
    void searchToleratesTypos() {
        assertEquals("DB00331", ids(api.get("/api/v1/entities?q=metfromin", R)).get(0));
        assertEquals("DB00563", ids(api.get("/api/v1/entities?q=methotrexat", R)).get(0));
        assertEquals("DOID:7148", ids(api.get("/api/v1/entities?q=" + enc("rheumatiod artritis"), R)).get(0));
    }

    @Test
    void searchCoversSynonyms() {
        assertEquals("DB00945", ids(api.get("/api/v1/entities?q=aspirin", R)).get(0));
        assertEquals("DB00316", ids(api.get("/api/v1/entities?q=paracetmol", R)).get(0));
    }

    @Test
    void typeFiltersAndAcceptsDrugAlias() {
        // "ptgs" prefixes two genes; nothing else
        ApiClient.Reply genes = api.get("/api/v1/entities?q=ptgs&type=Gene", R);
        assertEquals(List.of("Gene", "Gene"), items(genes).stream().map(m -> m.get("type")).toList());
        ApiClient.Reply none = api.get("/api/v1/entities?q=ptgs&type=Disease", R);
        assertEquals(200, none.status());
        assertEquals(0, ((Number) none.get("total")).intValue());
        ApiClient.Reply drugs = api.get("/api/v1/entities?q=metformin&type=drug", R);
        assertEquals("DB00331", ids(drugs).get(0));
    }

    @Test
    void pagesAreDisjointAndShareTheTotal() {
        ApiClient.Reply all = api.get("/api/v1/entities?q=ptgs&limit=10", R);
        assertEquals(2, ((Number) all.get("total")).intValue());
        ApiClient.Reply first = api.get("/api/v1/entities?q=ptgs&limit=1&offset=0", R);
        ApiClient.Reply second = api.get("/api/v1/entities?q=ptgs&limit=1&offset=1", R);
        ApiClient.Reply beyond = api.get("/api/v1/entities?q=ptgs&limit=1&offset=2", R);
        assertEquals(1, ids(first).size());
        assertEquals(1, ids(second).size());
        assertNotEquals(ids(first), ids(second));
        assertEquals(ids(all), List.of(ids(first).get(0), ids(second).get(0)));
        assertEquals(2, ((Number) second.get("total")).intValue());
        assertEquals(1, ((Number) second.get("offset")).intValue());
        assertTrue(ids(beyond).isEmpty());
    }

    @Test
    void badParametersAreProblems400() {
        for (String uri : List.of("/api/v1/entities?q=x&limit=0", "/api/v1/entities?q=x&limit=1001",
                "/api/v1/entities?q=x&offset=-1", "/api/v1/entities?q=x&type=Planet",
                "/api/v1/entities?q=x&limit=abc", "/api/v1/entities", "/api/v1/entities?q=" + enc("*:*"))) {
            ApiClient.Reply r = api.get(uri, R);
            assertEquals(400, r.status(), uri + " -> " + r.body());
            assertEquals(Problem.CONTENT_TYPE, r.contentType(), uri);
            assertEquals(400, ((Number) r.get("status")).intValue(), uri);
            assertTrue(r.get("detail") != null && !r.get("detail").toString().isBlank(), uri);
        }
        ApiClient.Reply limit = api.get("/api/v1/entities?q=x&limit=1001", R);
        assertTrue(limit.get("detail").toString().contains("1001"), limit.body());
        assertTrue(api.get("/api/v1/entities?q=x&type=Planet", R).get("detail").toString().contains("Planet"));
    }

    @Test
    void limitBoundsAreInclusive() {
        assertEquals(200, api.get("/api/v1/entities?q=metformin&limit=1", R).status());
        assertEquals(200, api.get("/api/v1/entities?q=metformin&limit=1000", R).status());
    }

    @Test
    void entityHasDegreePerRelationshipType() {
        ApiClient.Reply r = api.get("/api/v1/entities/DB00563", R);
        assertEquals(200, r.status(), r.body());
        assertEquals("Methotrexate", r.get("name"));
        assertEquals("Compound", r.get("type"));
        assertEquals(Map.of("TREATS_CtD", 2, "BINDS_CbG", 1, "LITERATURE_TREATS", 1), ((Map<?, ?>) r.get("degrees")).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> ((Number) e.getValue()).intValue())));
        assertEquals(4, ((Number) r.get("degree")).intValue());
        ApiClient.Reply gene = api.get("/api/v1/entities/5743", R);
        assertEquals(Map.of("BINDS_CbG", 2, "ASSOCIATES_DaG", 2), ((Map<?, ?>) gene.get("degrees")).entrySet()
                .stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey(),
                        e -> ((Number) e.getValue()).intValue())));
        assertEquals("DOID:9352", api.get("/api/v1/entities/" + enc("DOID:9352"), R).get("id"));
        assertEquals("DB00945", api.get("/api/v1/entities/Compound::DB00945", R).get("id"));
        assertEquals(List.of("aspirin", "ASA"), api.get("/api/v1/entities/DB00945", R).get("synonyms"));
        assertEquals(404, api.get("/api/v1/entities/Disease::DB00945", R).status());
    }

    @Test
    void unknownIdIs404WithCloseMatches() {
        ApiClient.Reply r = api.get("/api/v1/entities/DB00332", R);
        assertEquals(404, r.status());
        assertEquals(Problem.CONTENT_TYPE, r.contentType());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> s = (List<Map<String, Object>>) r.get("suggestions");
        assertEquals("DB00331", s.get(0).get("id"), r.body());
        // a name where an id belongs
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byName = (List<Map<String, Object>>) api.get("/api/v1/entities/metformn", R)
                .get("suggestions");
        assertTrue(byName.stream().anyMatch(m -> "DB00331".equals(m.get("id"))), byName.toString());
    }

    @Test
    void keysAreRequired() {
        ApiClient.Reply none = api.get("/api/v1/entities?q=metformin", null);
        assertEquals(401, none.status());
        assertEquals(Problem.CONTENT_TYPE, none.contentType());
        assertEquals(401, api.get("/api/v1/entities?q=metformin", "not-a-key").status());
        assertEquals(401, api.get("/api/v1/entities/DB00331", "").status());
        assertEquals(200, api.get("/api/v1/entities?q=metformin", TestNeo4j.INGEST_KEY).status());
        // a read key may not write
        ApiClient.Reply post = api.send(HttpRequest.POST("/api/v1/entities", "{}").header("X-API-Key", R));
        assertEquals(403, post.status(), post.body());
        assertEquals(Problem.CONTENT_TYPE, post.contentType());
    }

    @Test
    void injectionAttemptsChangeNothing() {
        long nodes = TestNeo4j.nodeCount(store);
        long rels = TestNeo4j.relationshipCount(store);
        for (String q : List.of("metformin\") OR name:* OR (\"", "' OR 1=1 MATCH (n) DETACH DELETE n //",
                "metformin}) DETACH DELETE n //", "*", "name:*", "a~ AND b*", "\\u0000 ${jndi:x}")) {
            ApiClient.Reply r = api.get("/api/v1/entities?q=" + enc(q), R);
            assertTrue(r.status() == 200 || r.status() == 400, q + " -> " + r.status() + " " + r.body());
        }
        // query syntax in q is not interpreted: operators and wildcards are dropped or become plain words
        List<Object> plain = ids(api.get("/api/v1/entities?q=metformin", R));
        for (String q : List.of("metformin*", "(metformin)", "\"metformin\"", "+metformin", "metformin~", "-metformin!")) {
            assertEquals(plain, ids(api.get("/api/v1/entities?q=" + enc(q), R)), q);
        }
        ApiClient.Reply widened = api.get("/api/v1/entities?q=" + enc("metformin\") OR name:* OR (\""), R);
        assertTrue(ids(widened).size() <= plain.size(), widened.body());
        for (String id : List.of("DB00331' OR 1=1 RETURN n //", "x\"}) MATCH (n) DETACH DELETE n //",
                "Compound::DB00331' OR true //", "Compound) DETACH DELETE n //::x", "*")) {
            ApiClient.Reply r = api.get("/api/v1/entities/" + enc(id), R);
            assertEquals(404, r.status(), id + " -> " + r.body());
        }
        assertEquals(nodes, TestNeo4j.nodeCount(store));
        assertEquals(rels, TestNeo4j.relationshipCount(store));
    }

    @Test
    void healthReportsNeo4jWithARealQuery() {
        ApiClient.Reply r = api.get("/health", null);
        assertEquals(200, r.status(), r.body());
        assertEquals("UP", r.get("status"));
        Map<?, ?> neo4j = (Map<?, ?>) ((Map<?, ?>) r.get("details")).get("neo4j");
        assertEquals("UP", neo4j.get("status"));
        assertTrue(((Map<?, ?>) neo4j.get("details")).get("version").toString().startsWith("5."), r.body());
    }

    @Test
    void prometheusMetricsAreServed() {
        api.get("/api/v1/entities?q=metformin", R);
        ApiClient.Reply r = api.get("/prometheus", null);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("jvm_memory_used_bytes"), r.body().substring(0, 200));
        assertTrue(r.body().contains("http_server_requests_seconds"), "request metrics missing");
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        ApiClient.Reply doc = api.get("/swagger/repurpose-1.yml", null);
        assertEquals(200, doc.status(), doc.body());
        assertTrue(doc.body().contains("/api/v1/entities/{id}"), doc.body());
        assertTrue(doc.body().contains("X-API-Key"));
        ApiClient.Reply ui = api.get("/swagger-ui/index.html", null);
        assertEquals(200, ui.status());
        assertTrue(ui.body().contains("swagger-ui"));
        assertEquals(200, api.get("/swagger-ui/res/swagger-ui-bundle.js", null).status(), "UI assets are local");
    }

    @Test
    void noModelIs503() {
        ApiClient.Reply r = api.get("/api/v1/model", R);
        assertEquals(503, r.status(), r.body());
        assertEquals(Problem.CONTENT_TYPE, r.contentType());
        assertTrue(r.body().contains("model-unavailable"));
        assertEquals(503, api.get("/api/v1/diseases/DOID:9352/candidates", R).status());
    }

    @Test
    void unknownRouteIsProblem404() {
        ApiClient.Reply r = api.get("/api/v1/nothing-here", R);
        assertEquals(404, r.status());
        assertEquals(Problem.CONTENT_TYPE, r.contentType());
    }
}
