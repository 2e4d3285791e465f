package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.repurpose.graph.GraphStore;
import io.repurpose.nlp.AnnotatedDocument;
import io.repurpose.nlp.CoreNlpAnnotator;
import io.repurpose.nlp.NlpConfig;
import io.repurpose.nlp.Relation;

/**
 * End to end with the real annotator of the nlp module on a few MEDLINE abstracts (and ten BC5CDR abstracts
 * in PubTator form, where chemical–disease relations are frequent): parse → CoreNLP → Neo4j.
 * The trained models are read from {@code repurpose.nlp.models} (default {@code data/models/nlp} of the
 * repository, written by {@code NlpTrain}); without them the annotator runs lexicon-only and makes no
 * relations, and the test then checks documents and consistency only.
 */
class CoreNlpEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void medlineAbstractsThroughCoreNlpIntoNeo4j() throws Exception {
        Path shared = Path.of(System.getProperty("repurpose.shared.data", "../../shared/data"));
        Path models = Path.of(System.getProperty("repurpose.nlp.models", "../data/models/nlp"));
        CoreNlpAnnotator annotator = CoreNlpAnnotator.load(new NlpConfig(shared, models));
        // 5 MEDLINE citations, and 10 chemical-disease abstracts (BC5CDR train, PubTator) so that relations occur
        Path cdr = dir.resolve("cdr-10.pubtator");
        List<String> lines = Files.readAllLines(shared.resolve("corpora/bc5cdr/CDR_TrainingSet.PubTator.txt"));
        StringBuilder ten = new StringBuilder();
        int blocks = 0;
        for (String line : lines) {
            ten.append(line).append('\n');
            if (line.isBlank() && ++blocks == 10) {
                break;
            }
        }
        Files.writeString(cdr, ten);
        List<Path> inputs = List.of(shared.resolve("text/pubmed/pubmed-29768149.xml"),
                shared.resolve("text/pubmed/test_current_medline.xml.gz"), cdr);

        // what the annotator says, independently of the pipeline
        Map<String, String> texts = new HashMap<>();
        long expectedEvidence = 0;
        long expectedPositive = 0;
        for (Path p : inputs) {
            for (SourceDocument d : ReadersTest.read(p, ReadersTest.config()).docs) {
                texts.put(d.id(), d.text());
                AnnotatedDocument a = annotator.annotate(d.id(), d.text());
                for (Relation r : a.relations()) {
                    if (r.subject().identifier() != null && r.object().identifier() != null) {
                        expectedEvidence++;
                        boolean negated = r.negated() || !r.subject().asserted() || !r.object().asserted();
                        expectedPositive += negated ? 0 : 1;
                    }
                }
            }
        }
        assertEquals(15, texts.size());
        if (annotator.hasRelationModel()) {
            assertTrue(expectedEvidence > 0, "a trained relation model finds something in 15 abstracts");
        }

        GraphStore store = SharedNeo4j.empty();
        IngestPipeline pipeline = new IngestPipeline(store, annotator,
                IngestConfig.withQuarantine(dir.resolve("q")).withWorkers(2));
        IngestReport r = pipeline.ingest(inputs);
        assertEquals(0, r.exitCode(), r.summary());
        assertEquals(15, r.documentsIngested());
        assertEquals(expectedEvidence, r.evidenceWritten(), r.summary());
        assertEquals(expectedPositive, r.positiveEvidence());
        assertEquals(15L, store.read("MATCH (d:Document) RETURN count(d) AS n", Map.of()).get(0).get("n"));
        assertEquals(annotator.modelVersion(), store.read("MATCH (d:Document {id: 'PMID:29768149'}) "
                + "RETURN d.modelVersion AS v", Map.of()).get(0).get("v"));

        // offsets stored on evidence point at the mention and the sentence in the document text
        List<Map<String, Object>> rows = store.read("MATCH (e:Evidence) RETURN e.documentId AS doc, "
                + "e.subjectText AS st, e.subjectStart AS ss, e.subjectEnd AS se, e.objectText AS ot, "
                + "e.objectStart AS os, e.objectEnd AS oe, e.sentence AS s, e.sentenceStart AS a, "
                + "e.sentenceEnd AS b", Map.of());
        assertEquals(expectedEvidence, rows.size());
        for (Map<String, Object> row : rows) {
            String text = texts.get((String) row.get("doc"));
            assertNotNull(text);
            assertEquals(row.get("st"), sub(text, row.get("ss"), row.get("se")));
            assertEquals(row.get("ot"), sub(text, row.get("os"), row.get("oe")));
            assertEquals(row.get("s"), sub(text, row.get("a"), row.get("b")));
        }
        assertEquals(expectedPositive, (Long) store.read("MATCH ()-[r]->() WHERE type(r) STARTS WITH "
                + "'LITERATURE_' RETURN coalesce(sum(r.evidenceCount), 0) AS n", Map.of()).get(0).get("n"));

        IngestReport again = pipeline.ingest(inputs);
        assertEquals(3, again.filesSkipped());
        assertEquals(0, again.documentsIngested());
        assertTrue(Files.notExists(dir.resolve("q")), "nothing quarantined");
    }

    private static String sub(String text, Object start, Object end) {
        return text.substring(((Long) start).intValue(), ((Long) end).intValue());
    }
}
