package io.repurpose.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.repurpose.graph.GraphStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Candidates, explanation, evidence and model, against a model trained on the shared fixture. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CandidateControllerTest implements TestPropertyProvider {
    private static final String R = TestNeo4j.READ_KEY;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ObjectMapper json;

    @Inject
    GraphChanges changes;

    @Inject
    EvidenceRepository evidence;

    @Inject
    io.micronaut.serde.SerdeRegistry serde;

    ApiClient api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestNeo4j.properties(TestNeo4j.shared()));
        p.put("repurpose.linkpred.model-directory", TestNeo4j.sharedModel().toString());
        return p;
    }

    @BeforeAll
    void waitForModel() throws InterruptedException {
        api = new ApiClient(http.toBlocking(), json);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (api.get("/api/v1/model", R).status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(ApiClient.Reply r) {
        assertEquals(200, r.status(), r.body());
        return (List<Map<String, Object>>) r.get("items");
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    void explanationIsWrittenByItsSerializerInRecordOrderWithoutNulls() throws Exception {
        assertTrue(serde.findSerializer(io.micronaut.core.type.Argument.of(
                CandidateController.ExplanationResponse.class)) instanceof ExplanationSerializer);
        EvidenceRepository.Evidence ev = new EvidenceRepository.Evidence("pmid:1", null, 2020L, "TREATS", "DB1",
                "DOID:1", "drug", null, "Drug treats it.", 0.9, false, List.of());
        CandidateController.ExplanationResponse x = new CandidateController.ExplanationResponse("DB1", null, "DOID:1",
                "Disease one", 0.75, 1.0986122886681098, -0.5,
                List.of(new io.repurpose.linkpred.Explanation.FeatureContribution("emb:cosine", 0.1, 1e-7)), 0.25, 7,
                List.of(new CandidateController.PathView("CtD", List.of(
                        new io.repurpose.linkpred.Explanation.PathNode("Compound", "DB1", null),
                        new io.repurpose.linkpred.Explanation.PathNode("Disease", "DOID:1", "Disease one")),
                        List.of(new CandidateController.EdgeView("LITERATURE_TREATS", "DB1", "DOID:1", true,
                                List.of("pmid:1"), List.of(ev))), 0.25, 1.5)),
                0.0, 3, List.of(), "m1");
        assertEquals("{\"drugId\":\"DB1\",\"diseaseId\":\"DOID:1\",\"diseaseName\":\"Disease one\",\"score\":0.75,"
                + "\"linearScore\":1.0986122886681098,\"baseline\":-0.5,"
                + "\"features\":[{\"feature\":\"emb:cosine\",\"value\":0.1,\"contribution\":1.0E-7}],"
                + "\"otherFeaturesContribution\":0.25,\"otherFeatures\":7,"
                + "\"paths\":[{\"metapath\":\"CtD\",\"nodes\":[{\"label\":\"Compound\",\"identifier\":\"DB1\"},"
                + "{\"label\":\"Disease\",\"identifier\":\"DOID:1\",\"name\":\"Disease one\"}],"
                + "\"edges\":[{\"type\":\"LITERATURE_TREATS\",\"sourceId\":\"DB1\",\"targetId\":\"DOID:1\","
                + "\"literature\":true,\"documentIds\":[\"pmid:1\"],\"evidence\":[{\"documentId\":\"pmid:1\","
                + "\"year\":2020,\"type\":\"TREATS\",\"subject\":\"DB1\",\"object\":\"DOID:1\",\"subjectText\":\"drug\","
                + "\"sentence\":\"Drug treats it.\",\"confidence\":0.9,\"negated\":false,\"flags\":[]}]}],"
                + "\"pathDegreeProduct\":0.25,\"contribution\":1.5}],"
                + "\"otherPathsContribution\":0.0,\"otherPaths\":3,\"literature\":[],\"modelVersion\":\"m1\"}",
                json.writeValueAsString(x));
    }

    /** The explanation's components, written by Micronaut's generic (introspection) serializer. */
    @io.micronaut.serde.annotation.Serdeable
    record GenericExplanation(String drugId, String drugName, String diseaseId, String diseaseName, double score,
                              double linearScore, double baseline,
                              List<io.repurpose.linkpred.Explanation.FeatureContribution> features,
                              double otherFeaturesContribution, int otherFeatures,
                              List<CandidateController.PathView> paths, double otherPathsContribution, int otherPaths,
                              List<EvidenceRepository.Evidence> literature, String modelVersion) {
        static GenericExplanation of(CandidateController.ExplanationResponse x) {
            return new GenericExplanation(x.drugId(), x.drugName(), x.diseaseId(), x.diseaseName(), x.score(),
                    x.linearScore(), x.baseline(), x.features(), x.otherFeaturesContribution(), x.otherFeatures(), x.paths(), x.otherPathsContribution(), x.otherPaths(),
                    x.literature(), x.modelVersion());
        }
    }

    /**
     * A bench-sized explanation (100 features, 25 paths of 4 nodes, a literature edge with evidence) is written
     * exactly as the generic serializer writes the same components; prints the CPU time of both (same JVM, alternating).
     */
    @Test
    void explanationSerializerWritesWhatTheGenericSerializerWrites() throws Exception {
        java.util.Random r = new java.util.Random(5);
        List<io.repurpose.linkpred.Explanation.FeatureContribution> features = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            features.add(new io.repurpose.linkpred.Explanation.FeatureContribution("dwpc:CbGiGaD" + i,
                    r.nextGaussian(), r.nextGaussian() / 7));
        }
        EvidenceRepository.Evidence ev = new EvidenceRepository.Evidence("pmid:1", "A title", 2020L, "TREATS", "DB1",
                "DOID:1", "drug", "disease \"x\"", "Drug treats it.", 0.9, false, List.of("hedged"));
        List<CandidateController.PathView> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            List<io.repurpose.linkpred.Explanation.PathNode> nodes = List.of(
                    new io.repurpose.linkpred.Explanation.PathNode("Compound", "DB00" + i, "Drug " + i),
                    new io.repurpose.linkpred.Explanation.PathNode("Gene", "" + (1000 + i), null),
                    new io.repurpose.linkpred.Explanation.PathNode("Gene", "" + (2000 + i), "G\u00e9ne " + i),
                    new io.repurpose.linkpred.Explanation.PathNode("Disease", "DOID:" + i, "Disease " + i));
            List<CandidateController.EdgeView> edges = List.of(
                    new CandidateController.EdgeView("BINDS_CbG", "DB00" + i, "" + (1000 + i), false, List.of(),
                            List.of()),
                    new CandidateController.EdgeView("INTERACTS_GiG", "" + (1000 + i), "" + (2000 + i), false,
                            List.of(), List.of()),
                    new CandidateController.EdgeView("LITERATURE_ASSOCIATES", "DOID:" + i, "" + (2000 + i), true,
                            List.of("pmid:" + i), i == 3 ? List.of(ev) : List.of()));
            paths.add(new CandidateController.PathView("CbGiGaD", nodes, edges, r.nextDouble() * 1e-3,
                    r.nextGaussian()));
        }
        CandidateController.ExplanationResponse x = new CandidateController.ExplanationResponse("DB1", "Drug",
                "DOID:1", null, 0.12, -1.99, -3.5, features, -0.75, 600, paths, 0.5, 1234, List.of(ev), "linkpred-1");
        // the copy has the response's components (a component added to one and not the other fails here)
        assertEquals(java.util.Arrays.stream(CandidateController.ExplanationResponse.class.getRecordComponents())
                        .map(c -> c.getName() + ":" + c.getGenericType()).toList(),
                java.util.Arrays.stream(GenericExplanation.class.getRecordComponents())
                        .map(c -> c.getName() + ":" + c.getGenericType()).toList());
        GenericExplanation g = GenericExplanation.of(x);
        String expected = json.writeValueAsString(g);
        assertEquals(expected, json.writeValueAsString(x));
        assertTrue(expected.length() > 10_000, "" + expected.length());
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        long[] bytes = new long[2];
        for (int round = 0; round < 40; round++) {
            for (int v = 0; v < 2; v++) {
                Object o = (round + v) % 2 == 0 ? x : g;
                long b0 = mx.getCurrentThreadAllocatedBytes();
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 100; i++) {
                    json.writeValueAsBytes(o);
                }
                if (round >= 10) {
                    cpu[o == x ? 0 : 1] += mx.getCurrentThreadCpuTime() - t0;
                    bytes[o == x ? 0 : 1] += mx.getCurrentThreadAllocatedBytes() - b0;
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "explanation JSON (%d bytes), CPU per body over 3,000 each: "
                        + "ExplanationSerializer %.1f us, %.0f kB allocated; generic serializer %.1f us, %.0f kB%n",
                expected.length(), cpu[0] / 3000 / 1e3, bytes[0] / 3000 / 1e3, cpu[1] / 3000 / 1e3,
                bytes[1] / 3000 / 1e3);
    }

    @Test
    void modelHasVersionSnapshotAndMetrics() {
        ApiClient.Reply r = api.get("/api/v1/model", R);
        assertEquals(200, r.status(), r.body());
        assertFalse(r.get("version").toString().isBlank());
        assertFalse(r.get("dataSnapshotHash").toString().isBlank());
        assertTrue(((Map<?, ?>) r.get("metrics")).containsKey("train.auroc"), r.body());
        assertTrue(num(r.get("featureCount")) > 0);
    }

    @Test
    void diseaseCandidatesAreRankedWithScorePercentileAndKnown() {
        ApiClient.Reply r = api.get("/api/v1/diseases/DOID:S1/candidates?limit=50", R);
        List<Map<String, Object>> items = items(r);
        assertEquals(45, num(r.get("total")), "every compound of the model: " + r.body());
        assertEquals(45, items.size());
        assertFalse(r.get("modelVersion").toString().isBlank());
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> c = items.get(i);
            assertEquals(i + 1, num(c.get("rank")));
            assertEquals("DOID:S1", c.get("diseaseId"));
            double pct = num(c.get("percentile"));
            assertTrue(pct >= 0 && pct <= 100, c.toString());
            if (i > 0) {
                assertTrue(num(items.get(i - 1).get("score")) >= num(c.get("score")), "sorted by score");
            }
        }
        assertTrue(items.stream().anyMatch(c -> Boolean.TRUE.equals(c.get("known"))), "some treatments are known");
    }

    @Test
    void excludeKnownDropsKnownTreatmentsAndPagingIsConsistent() {
        List<Map<String, Object>> all = items(api.get("/api/v1/diseases/DOID:S1/candidates?limit=50", R));
        ApiClient.Reply unknownOnly = api.get("/api/v1/diseases/DOID:S1/candidates?limit=50&excludeKnown=true", R);
        long knownCount = all.stream().filter(c -> Boolean.TRUE.equals(c.get("known"))).count();
        assertEquals(45 - knownCount, num(unknownOnly.get("total")));
        assertTrue(items(unknownOnly).stream().noneMatch(c -> Boolean.TRUE.equals(c.get("known"))));
        List<Map<String, Object>> page2 = items(api.get("/api/v1/diseases/DOID:S1/candidates?limit=5&offset=5", R));
        assertEquals(all.subList(5, 10).stream().map(c -> c.get("drugId")).toList(),
                page2.stream().map(c -> c.get("drugId")).toList());
        assertEquals(45, num(api.get("/api/v1/diseases/DOID:S1/candidates?limit=5&offset=5", R).get("total")));
        assertTrue(items(api.get("/api/v1/diseases/DOID:S1/candidates?limit=5&offset=100", R)).isEmpty());
    }

    @Test
    void drugCandidatesRankDiseases() {
        ApiClient.Reply r = api.get("/api/v1/drugs/DBS1/candidates", R);
        List<Map<String, Object>> items = items(r);
        assertEquals(17, num(r.get("total")), r.body());
        assertEquals(17, items.size());
        assertTrue(items.stream().allMatch(c -> "DBS1".equals(c.get("drugId"))));
    }

    @Test
    void candidateErrors() {
        ApiClient.Reply unknown = api.get("/api/v1/diseases/DOID:S99/candidates", R);
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(Problem.CONTENT_TYPE, unknown.contentType());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> s = (List<Map<String, Object>>) unknown.get("suggestions");
        assertTrue(s.stream().anyMatch(m -> "DOID:S9".equals(m.get("id"))), unknown.body());
        assertEquals(404, api.get("/api/v1/drugs/DB99999/candidates", R).status());
        assertEquals(400, api.get("/api/v1/diseases/DOID:S1/candidates?limit=0", R).status());
        assertEquals(400, api.get("/api/v1/diseases/DOID:S1/candidates?limit=1001", R).status());
        assertEquals(400, api.get("/api/v1/diseases/DOID:S1/candidates?excludeKnown=maybe", R).status());
        assertEquals(401, api.get("/api/v1/diseases/DOID:S1/candidates", null).status());
        assertEquals(404, api.get("/api/v1/diseases/" + EntityControllerTest.enc("DOID:S1' OR 1=1 //")
                + "/candidates", R).status());
    }

    @Test
    void explanationIsKeptAsTheBytesItsSerializerWrites() throws Exception {
        String url = "/api/v1/drugs/DB00563/diseases/" + EntityControllerTest.enc("DOID:9074") + "/explanation?paths=7";
        ApiClient.Reply first = api.get(url, R);
        assertEquals(200, first.status(), first.body());
        assertTrue(first.contentType().startsWith("application/json"), first.contentType());
        assertEquals(first.body(), api.get(url, R).body(), "the memo's answer is the first answer");
        CandidateController.ExplanationResponse x = json.readValue(first.body(),
                CandidateController.ExplanationResponse.class);
        assertFalse(x.paths().isEmpty());
        assertTrue(x.paths().size() <= 7, first.body());
        assertEquals("Methotrexate", x.drugName());
        assertEquals(first.body(), json.writeValueAsString(x), "the body is what the serializer writes for it");
    }

    @Test
    void explanationAddsUpAndCarriesLiterature() {
        ApiClient.Reply r = api.get("/api/v1/drugs/DB00563/diseases/" + EntityControllerTest.enc("DOID:9074")
                + "/explanation", R);
        assertEquals(200, r.status(), r.body());
        assertEquals("Methotrexate", r.get("drugName"));
        double total = num(r.get("baseline")) + num(r.get("otherFeaturesContribution"))
                + num(r.get("otherPathsContribution"));
        for (Object f : (List<?>) r.get("features")) {
            total += num(((Map<?, ?>) f).get("contribution"));
        }
        for (Object p : (List<?>) r.get("paths")) {
            total += num(((Map<?, ?>) p).get("contribution"));
        }
        assertEquals(num(r.get("linearScore")), total, 1e-6, "explanation parts add up to the score");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lit = (List<Map<String, Object>>) r.get("literature");
        assertEquals(2, lit.size(), r.body());
        assertEquals("PMID:100", lit.get(0).get("documentId"), "asserted evidence first");
        assertEquals(false, lit.get(0).get("negated"));
        assertTrue(lit.get(0).get("sentence").toString().contains("Methotrexate"));
        assertEquals(2019, num(lit.get(0).get("year")));
        assertEquals(true, lit.get(1).get("negated"));
        // literature edges on paths carry their sentences
        for (Object p : (List<?>) r.get("paths")) {
            for (Object e : (List<?>) ((Map<?, ?>) p).get("edges")) {
                Map<?, ?> edge = (Map<?, ?>) e;
                if (Boolean.TRUE.equals(edge.get("literature"))) {
                    assertFalse(((List<?>) edge.get("evidence")).isEmpty(), edge.toString());
                }
            }
        }
        ApiClient.Reply unknown = api.get("/api/v1/drugs/DB99999/diseases/DOID:S1/explanation", R);
        assertEquals(404, unknown.status());
        assertEquals(404, api.get("/api/v1/drugs/DBS1/diseases/DOID:S99/explanation", R).status());
    }

    @Test
    void evidenceWrittenAfterAnExplanationShowsAfterTheNextChangeCheck() {
        // no evidence names acetaminophen: its explanations skip the evidence query until the graph changes
        String url = "/api/v1/drugs/DB00316/diseases/" + EntityControllerTest.enc("DOID:1612") + "/explanation";
        changes.check();
        ApiClient.Reply before = api.get(url, R);
        assertEquals(200, before.status(), before.body());
        assertEquals(List.of(), before.get("literature"));
        GraphStore store = TestNeo4j.shared();
        writeTreatsEvidence(store, "PMID:900");
        try {
            changes.check();
            ApiClient.Reply after = api.get(url, R);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> lit = (List<Map<String, Object>>) after.get("literature");
            assertEquals(1, lit.size(), after.body());
            assertEquals("PMID:900", lit.get(0).get("documentId"));
        } finally {
            store.write("MATCH (d:Document {id: 'PMID:900'}) OPTIONAL MATCH (d)-[:HAS_EVIDENCE]->(x) "
                    + "DETACH DELETE d, x", Map.of());
            changes.check();
        }
    }

    @Test
    void pairEvidenceIsReadOncePerGraphSignature() {
        String key = "TREATS|DB00316|DOID:1612";
        changes.check();
        assertEquals(Map.of(), evidence.topPerPair(List.of(key), 3));
        GraphStore store = TestNeo4j.shared();
        writeTreatsEvidence(store, "PMID:901");
        try {
            // the change is not noticed yet: the answer read for this signature is kept, no second read
            assertEquals(Map.of(), evidence.topPerPair(List.of(key), 3));
            changes.check();
            Map<String, List<EvidenceRepository.Evidence>> after = evidence.topPerPair(List.of(key), 3);
            assertEquals(1, after.get(key).size(), after.toString());
            assertEquals("PMID:901", after.get(key).get(0).documentId());
            assertEquals(after, evidence.topPerPair(List.of(key, "TREATS|DB00316|DOID:1324"), 3),
                    "a kept pair and a pair without evidence, which is left out");
        } finally {
            store.write("MATCH (d:Document {id: 'PMID:901'}) OPTIONAL MATCH (d)-[:HAS_EVIDENCE]->(x) "
                    + "DETACH DELETE d, x", Map.of());
            changes.check();
        }
    }

    /** A document with one TREATS sentence between acetaminophen and breast cancer (no other evidence names it). */
    private static void writeTreatsEvidence(GraphStore store, String doc) {
        store.write("""
                MATCH (c:Compound {identifier: 'DB00316'}), (d:Disease {identifier: 'DOID:1612'})
                CREATE (doc:Document {id: $doc, title: 'Paracetamol and breast cancer', year: 2024})
                CREATE (doc)-[:HAS_EVIDENCE]->(x:Evidence {id: $doc + '#0', documentId: $doc,
                        type: 'TREATS', pairKey: 'TREATS|DB00316|DOID:1612', subject: 'DB00316',
                        object: 'DOID:1612', sentence: 'Paracetamol slowed breast cancer.', confidence: 0.7,
                        negated: false, year: 2024, flags: []})
                CREATE (x)-[:SUBJECT]->(c) CREATE (x)-[:OBJECT]->(d)""", Map.of("doc", doc));
    }

    @Test
    void doublesAreWrittenInTheirShortestForm() throws java.io.IOException {
        // application.yml's fast double writer; Java 17's Double.toString writes 5.6843418860808015E-14
        assertEquals("5.684341886080802E-14", json.writeValueAsString(Math.pow(2, -44)));
    }

    @Test
    void evidenceBetweenEntities() {
        ApiClient.Reply pair = api.get("/api/v1/evidence?drug=DB00563&disease=" + EntityControllerTest.enc("DOID:9074"),
                R);
        assertEquals(200, pair.status(), pair.body());
        assertEquals(2, num(pair.get("total")));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) pair.get("items")).get(0);
        assertEquals("Methotrexate in lupus", first.get("title"));
        assertNotNull(first.get("confidence"));
        assertEquals(2, num(api.get("/api/v1/evidence?drug=DB00563", R).get("total")));
        assertEquals(1, ((List<?>) api.get("/api/v1/evidence?drug=DB00563&limit=1", R).get("items")).size());
        assertEquals(0, num(api.get("/api/v1/evidence?drug=DB01076&disease=DOID:10763", R).get("total")));
        assertEquals(0, num(api.get("/api/v1/evidence?drug=" + EntityControllerTest.enc("DB00563' OR 1=1 //"), R)
                .get("total")));
        assertEquals(400, api.get("/api/v1/evidence", R).status());
        assertEquals(401, api.get("/api/v1/evidence?drug=DB00563", null).status());
    }
}
