package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.Relation;

/** The pipeline against a real embedded Neo4j, with the dictionary test fixture as annotator. */
class IngestPipelineTest {

    static GraphStore store;

    @TempDir
    Path work;
    IngestPipeline pipeline;

    @BeforeEach
    void emptyGraph() {
        store = SharedNeo4j.empty();
        pipeline = new IngestPipeline(store, new DictionaryTestAnnotator(),
                IngestConfig.withQuarantine(work.resolve("quarantine")).withWorkers(2).withBatchSize(3));
    }

    static long count(String cypher) {
        return (Long) store.read(cypher, Map.of()).get(0).get("n");
    }

    static long count(String cypher, Map<String, Object> params) {
        return (Long) store.read(cypher, params).get(0).get("n");
    }

    Path copy(String resource) throws Exception {
        Path target = work.resolve("in").resolve(resource);
        Files.createDirectories(target.getParent());
        Files.copy(ReadersTest.resource(resource), target);
        return target;
    }

    List<Path> fixtures() throws Exception {
        return List.of(copy("medline-mini.xml"), copy("pubmed-mini.xml.gz"), copy("notes-mini.csv"),
                copy("broken.xml"));
    }

    @Test
    void exactCountsOfDocumentsEvidenceAndEdges() throws Exception {
        IngestReport r = pipeline.ingest(fixtures());

        assertEquals(4, r.filesSeen());
        assertEquals(1, r.filesFailed(), r.summary());
        assertEquals(10, r.documentsSeen(), r.summary());
        assertEquals(8, r.documentsIngested(), r.summary());
        assertEquals(2, r.documentsFailed(), r.summary());
        assertEquals(10, r.evidenceWritten());
        assertEquals(8, r.positiveEvidence());
        assertEquals(2, r.negatedEvidence());
        assertEquals(1, r.exitCode(), "bad input means exit code 1 while the rest landed");
        assertEquals(3, r.errors().size(), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.file().endsWith("broken.xml") && e.kind().equals("parse")
                && e.position().startsWith("line 13")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.file().endsWith("notes-mini.csv")
                && e.position().startsWith("record 3 (line 4)")), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.kind().equals("empty") && e.position().contains("PMID:2002")),
                r.errors().toString());

        assertEquals(8, count("MATCH (d:Document) RETURN count(d) AS n"));
        assertEquals(1, count("MATCH (d:Document {id: 'PMID:3001'}) RETURN count(d) AS n"),
                "the citation before the malformed part of broken.xml landed");
        assertEquals(10, count("MATCH (:Document)-[:HAS_EVIDENCE]->(e:Evidence) RETURN count(e) AS n"));
        assertEquals(2, count("MATCH (e:Evidence {negated: true}) RETURN count(e) AS n"));
        Map<String, Long> rels = store.relationshipCounts();
        assertEquals(4L, rels.get("LITERATURE_TREATS"));
        assertEquals(1L, rels.get("LITERATURE_CAUSES"));
        assertEquals(1L, rels.get("LITERATURE_TARGETS"));
        assertEquals(1L, rels.get("LITERATURE_ASSOCIATED_WITH"));
        assertEquals(7L, count("MATCH (c:Compound) RETURN count(c) AS n"));
        assertEquals(5L, count("MATCH (d:Disease) RETURN count(d) AS n"));
        assertEquals(1L, count("MATCH (g:Gene {identifier: '1956'}) RETURN count(g) AS n"));

        Map<String, Object> edge = store.read("MATCH (:Compound {identifier: 'DB01222'})-[r:LITERATURE_TREATS]->"
                + "(:Disease {identifier: 'DOID:2841'}) RETURN r", Map.of()).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) edge.get("r");
        assertEquals(2L, props.get("evidenceCount"));
        assertEquals(2001L, props.get("firstYear"));
        assertEquals(2010L, props.get("lastYear"));
        assertEquals(0.8, (Double) props.get("maxConfidence"), 1e-9);
        assertEquals(Set.of("PMID:1001", "PMID:1003"), new HashSet<>((List<?>) props.get("documentIds")));

        // negated evidence is stored, traceable, and makes no edge
        assertEquals(0, count("MATCH (:Compound {identifier: 'DB00945'})-[r:LITERATURE_TREATS]->(:Disease) "
                + "RETURN count(r) AS n"));
        Map<String, Object> neg = store.read("MATCH (d:Document {id: 'PMID:1001'})-[:HAS_EVIDENCE]->(e:Evidence "
                + "{negated: true})-[:SUBJECT]->(:Compound {identifier: 'DB00945'}) RETURN e.sentence AS s, "
                + "e.subjectStart AS a, e.subjectEnd AS b", Map.of()).get(0);
        assertEquals("Aspirin does not treat asthma.", neg.get("s"));
        String text = "Inhaled steroids. Budesonide treats asthma. Aspirin does not treat asthma.";
        assertEquals("Aspirin", text.substring(((Long) neg.get("a")).intValue(), ((Long) neg.get("b")).intValue()));
        assertEquals(0, count("MATCH (:Compound {identifier: 'DB00331'})-[r:LITERATURE_TREATS]->() RETURN count(r) AS n"),
                "the note says 'No evidence of hypertension with metformin': negated, no TREATS edge");

        // every edge traces to its sentences
        assertEquals(0, count("MATCH (s)-[r]->(o) WHERE type(r) STARTS WITH 'LITERATURE_' "
                + "OPTIONAL MATCH (s)<-[:SUBJECT]-(e:Evidence {negated: false})-[:OBJECT]->(o) WHERE e.type = "
                + "substring(type(r), 11) WITH r, count(e) AS c WHERE c <> r.evidenceCount RETURN count(r) AS n"));

        // quarantine and ledger
        Path q = work.resolve("quarantine").resolve(r.jobId());
        assertTrue(Files.exists(q.resolve("broken.xml")));
        assertEquals(3, Files.readAllLines(q.resolve("errors.tsv")).size());
        assertEquals(4, count("MATCH (f:IngestFile) RETURN count(f) AS n"));
        assertEquals(1, count("MATCH (f:IngestFile {status: 'bad-input'}) WHERE f.path ENDS WITH 'broken.xml' "
                + "RETURN count(f) AS n"));
        // notes carry no text on the Document, only the evidence sentences
        assertEquals(0, count("MATCH (d:Document) WHERE d.text IS NOT NULL RETURN count(d) AS n"));
    }

    @Test
    void reingestCreatesNothing() throws Exception {
        List<Path> files = fixtures();
        pipeline.ingest(files);
        Map<String, Long> nodes = new java.util.TreeMap<>(store.nodeCounts());
        Map<String, Long> rels = store.relationshipCounts();
        List<Map<String, Object>> evidence = store.read("MATCH (e:Evidence) RETURN e.id AS id ORDER BY id", Map.of());

        IngestReport again = pipeline.ingest(files);
        assertEquals(4, again.filesSkipped(), again.summary());
        assertEquals(0, again.documentsSeen());
        assertEquals(0, again.exitCode(), "nothing new failed");

        // the same files under another path: the ledger misses, the document hashes catch them
        Path other = work.resolve("other");
        Files.createDirectories(other);
        for (Path f : files) {
            Files.copy(f, other.resolve(f.getFileName()));
        }
        IngestReport third = pipeline.ingest(List.of(other));
        assertEquals(0, third.documentsIngested(), third.summary());
        assertEquals(8, third.documentsSkipped(), third.summary());
        Map<String, Long> after = new java.util.TreeMap<>(store.nodeCounts());
        assertEquals(8L, after.remove("IngestFile"), "the ledger now also knows the new paths");
        nodes.remove("IngestFile");
        assertEquals(nodes, after, "no document, evidence or entity node was created");
        assertEquals(rels, store.relationshipCounts());
        assertEquals(evidence, store.read("MATCH (e:Evidence) RETURN e.id AS id ORDER BY id", Map.of()));
    }

    @Test
    void revisedDocumentReplacesOnlyItsOwnEvidence() throws Exception {
        Path medline = copy("medline-mini.xml");
        Path pubmed = copy("pubmed-mini.xml.gz");
        pipeline.ingest(List.of(medline, pubmed));
        String others = "MATCH (e:Evidence) WHERE e.documentId <> 'PMID:1001' AND e.documentId <> 'PMID:1003' "
                + "RETURN e.id AS id, e.sentence AS s, e.pairKey AS k ORDER BY id";
        List<Map<String, Object>> before = store.read(others, Map.of());
        assertEquals(4, before.size());

        String xml = Files.readString(medline)
                .replace("Aspirin does not treat asthma.", "Aspirin treats hypertension.")
                .replace("Budesonide for asthma in children.", "Growth in children.");
        Files.writeString(medline, xml);
        IngestReport r = pipeline.ingest(List.of(medline, pubmed));
        assertEquals(1, r.filesSkipped(), "pubmed-mini is unchanged");
        assertEquals(2, r.documentsIngested(), r.summary());
        assertEquals(2, r.documentsRevised());
        assertEquals(1, r.documentsSkipped(), "PMID:1002 is unchanged");

        assertEquals(before, store.read(others, Map.of()), "other documents' evidence is untouched");
        assertEquals(2, count("MATCH (e:Evidence {documentId: 'PMID:1001', negated: false}) RETURN count(e) AS n"));
        assertEquals(0, count("MATCH (e:Evidence {documentId: 'PMID:1001', negated: true}) RETURN count(e) AS n"));
        assertEquals(0, count("MATCH (e:Evidence {documentId: 'PMID:1003'}) RETURN count(e) AS n"));
        Map<String, Object> edge = store.read("MATCH (:Compound {identifier: 'DB01222'})-[r:LITERATURE_TREATS]->"
                + "(:Disease {identifier: 'DOID:2841'}) RETURN r.evidenceCount AS n, r.documentIds AS docs, "
                + "r.lastYear AS last", Map.of()).get(0);
        assertEquals(1L, edge.get("n"));
        assertEquals(List.of("PMID:1001"), edge.get("docs"));
        assertEquals(2001L, edge.get("last"));
        assertEquals(1, count("MATCH (:Compound {identifier: 'DB00945'})-[r:LITERATURE_TREATS]->"
                + "(:Disease {identifier: 'DOID:10763'}) RETURN count(r) AS n"));
        assertEquals(1, count("MATCH (d:Document {id: 'PMID:1003'}) RETURN count(d) AS n"));
        assertEquals(2, count("MATCH (f:IngestFile) RETURN count(f) AS n"));
    }

    @Test
    void deleteCitationRemovesTheDocumentAndItsSupport() throws Exception {
        IngestReport first = pipeline.ingest(List.of(copy("medline-mini.xml")));
        assertEquals(0, first.documentsDeleted(), "PMID 1004 of its DeleteCitation was never ingested");
        Path update = work.resolve("in").resolve("update.xml");
        Files.writeString(update, "<?xml version=\"1.0\"?>\n<MedlineCitationSet>\n<DeleteCitation>\n"
                + "<PMID Version=\"1\">1003</PMID>\n</DeleteCitation>\n</MedlineCitationSet>\n");
        IngestReport r = pipeline.ingest(List.of(update));
        assertEquals(1, r.documentsDeleted(), r.summary());
        assertEquals(0, r.exitCode());
        assertEquals(0, count("MATCH (d:Document {id: 'PMID:1003'}) RETURN count(d) AS n"));
        assertEquals(0, count("MATCH (e:Evidence {documentId: 'PMID:1003'}) RETURN count(e) AS n"));
        Map<String, Object> edge = store.read("MATCH (:Compound {identifier: 'DB01222'})-[r:LITERATURE_TREATS]->"
                + "(:Disease {identifier: 'DOID:2841'}) RETURN r.evidenceCount AS n, r.documentIds AS docs", Map.of())
                .get(0);
        assertEquals(1L, edge.get("n"));
        assertEquals(List.of("PMID:1001"), edge.get("docs"));
    }

    @Test
    void textFromTheApiAndBackgroundJobs() throws Exception {
        IngestReport r = pipeline.ingestText("api:1", "Lisinopril treats hypertension.", "api", "A note", 2024);
        assertEquals(1, r.documentsIngested());
        assertEquals(1, r.positiveEvidence());
        assertEquals(0, r.exitCode());
        IngestReport same = pipeline.ingestText("api:1", "Lisinopril treats hypertension.", "api", "A note", 2024);
        assertEquals(1, same.documentsSkipped());
        IngestReport empty = pipeline.ingestText("api:2", "   ", "api", null, null);
        assertEquals(1, empty.documentsFailed());
        assertEquals(1, empty.exitCode());

        IngestReport mixed = pipeline.ingestDocuments(List.of(
                SourceDocument.of("api:3", "api", "Clonidine treats hypertension."),
                SourceDocument.of("api:4", "api", "The annotator refuses a NUL \u0000 character.")));
        assertEquals(1, mixed.documentsIngested());
        assertEquals(1, mixed.documentsFailed());
        assertEquals("nlp", mixed.errors().get(0).kind());
        assertEquals("document 2 (api:4)", mixed.errors().get(0).position());

        IngestPipeline.Job job = pipeline.submit(List.of(copy("medline-mini.xml")));
        assertNotNull(pipeline.job(job.id()));
        IngestReport jr = job.report().get(60, TimeUnit.SECONDS);
        assertEquals("succeeded", job.status());
        assertEquals(3, jr.documentsIngested());
    }

    @Test
    void sharedMedlineSamplesAndNotesWithExactCounts() throws Exception {
        List<Path> inputs = List.of(ReadersTest.shared("text/pubmed/medline16n0902.xml.gz"),
                ReadersTest.shared("text/pubmed/test_current_medline.xml.gz"),
                ReadersTest.shared("text/pubmed/pubmed-29768149.xml"),
                ReadersTest.shared("text/clinical/mtsamples_first400_timarbende.csv"));
        // expected numbers, independently of the graph: read and annotate in the test
        DictionaryTestAnnotator annotator = new DictionaryTestAnnotator();
        Set<String> ids = new HashSet<>();
        long expectedEvidence = 0;
        long expectedPositive = 0;
        long empty = 0;
        for (Path p : inputs) {
            for (SourceDocument d : ReadersTest.read(p, ReadersTest.config()).docs) {
                if (d.text().isBlank()) {
                    empty++;
                    continue;
                }
                ids.add(d.id());
                AnnotatedDocument a = annotator.annotate(d.id(), d.text());
                for (Relation rel : a.relations()) {
                    if (rel.subject().identifier() != null && rel.object().identifier() != null) {
                        expectedEvidence++;
                        if (!rel.negated()) {
                            expectedPositive++;
                        }
                    }
                }
            }
        }
        assertEquals(609 + 401 - 4, ids.size());
        assertEquals(4, empty);
        assertTrue(expectedEvidence > 10, "the fixture finds relations in real abstracts: " + expectedEvidence);

        IngestReport r = new IngestPipeline(store, annotator,
                IngestConfig.withQuarantine(work.resolve("quarantine")).withWorkers(2)).ingest(inputs);
        assertEquals(1010, r.documentsSeen(), r.summary());
        assertEquals(1006, r.documentsIngested(), r.summary());
        assertEquals(4, r.documentsFailed());
        assertEquals(expectedEvidence, r.evidenceWritten());
        assertEquals(1006, count("MATCH (d:Document) RETURN count(d) AS n"));
        assertEquals(expectedEvidence, count("MATCH (e:Evidence) RETURN count(e) AS n"));
        assertEquals(expectedPositive, count("MATCH (s)-[r]->(o) WHERE type(r) STARTS WITH 'LITERATURE_' "
                + "RETURN coalesce(sum(r.evidenceCount), 0) AS n"));
        assertEquals(401 - 4, count("MATCH (d:Document {source: 'note'}) RETURN count(d) AS n"));
        List<String> noYear = new ArrayList<>();
        for (Map<String, Object> row : store.read("MATCH (d:Document {source: 'pubmed'}) WHERE d.year IS NULL "
                + "RETURN d.id AS id", Map.of())) {
            noYear.add((String) row.get("id"));
        }
        assertTrue(noYear.isEmpty(), "every MEDLINE citation has a year: " + noYear);
        assertFalse(r.aborted());
    }
}
