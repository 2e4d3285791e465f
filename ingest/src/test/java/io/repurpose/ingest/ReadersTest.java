package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class ReadersTest {

    static Path resource(String name) {
        try {
            return Path.of(ReadersTest.class.getResource("/ingest/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path shared(String rel) {
        return Path.of(System.getProperty("repurpose.shared.data", "../../shared/data")).resolve(rel);
    }

    /** Collects what a reader hands out. */
    static final class Collect implements DocumentReader.Sink {
        final List<SourceDocument> docs = new ArrayList<>();
        final List<String> positions = new ArrayList<>();
        final List<String> bad = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public void deleted(String documentId, String position) {
            deleted.add(documentId);
        }

        @Override
        public void document(SourceDocument doc, String position) {
            docs.add(doc);
            positions.add(position);
        }

        @Override
        public void badRecord(String position, String kind, String message, String rawRecord) {
            bad.add(position + " " + kind + " " + message);
        }
    }

    static Collect read(Path file, IngestConfig config) throws Exception {
        Collect c = new Collect();
        try (InputStream in = InputFormat.decompress(Files.newInputStream(file))) {
            InputFormat f = InputFormat.detect(file.getFileName().toString(), in);
            f.reader(config).read(in, file.getFileName().toString(), c);
        }
        return c;
    }

    static IngestConfig config() {
        return IngestConfig.withQuarantine(Path.of("target", "quarantine"));
    }

    @Test
    void medlineCitationSetFieldsAndInlineMarkup() throws Exception {
        Collect c = read(resource("medline-mini.xml"), config());
        assertEquals(List.of("PMID:1001", "PMID:1002", "PMID:1003"), c.docs.stream().map(SourceDocument::id).toList());
        SourceDocument d1 = c.docs.get(0);
        assertEquals("Inhaled steroids. Budesonide treats asthma. Aspirin does not treat asthma.", d1.text());
        assertEquals(2001, d1.year());
        assertEquals("Journal of Test Pharmacology", d1.journal());
        assertEquals(List.of("Asthma"), d1.mesh());
        SourceDocument d2 = c.docs.get(1);
        assertEquals("Blood pressure in spontaneously hypertensive rats.", d2.title());
        assertTrue(d2.text().endsWith("was seen & reported."), d2.text());
        assertEquals(2005, d2.year(), "year from MedlineDate");
        assertEquals("Budesonide for asthma in children.", c.docs.get(2).text());
        assertTrue(c.positions.get(0).startsWith("line 5"), c.positions.get(0));
        assertEquals(List.of("PMID:1004"), c.deleted);
        assertTrue(c.bad.isEmpty(), c.bad.toString());
    }

    @Test
    void pubmedArticleSetGzipped() throws Exception {
        Collect c = read(resource("pubmed-mini.xml.gz"), config());
        assertEquals(2, c.docs.size());
        assertEquals("EGFR in tumours. EGFR is associated with breast cancer. Gefitinib inhibits EGFR.",
                c.docs.get(0).text());
        assertEquals(2019, c.docs.get(0).year());
        assertEquals("", c.docs.get(1).text(), "the empty article is handed out; the pipeline rejects it");
    }

    @Test
    void sharedMedlineSamplesStream() throws Exception {
        Collect old = read(shared("text/pubmed/medline16n0902.xml.gz"), config());
        assertEquals(604, old.docs.size());
        assertEquals(List.of("PMID:26432306"), old.deleted, "the 2016 file withdraws one citation");
        assertEquals("PMID:17942999", old.docs.get(0).id());
        assertTrue(old.docs.get(0).text().startsWith("Neuroplasticity in the processing of pitch dimensions"));
        Collect current = read(shared("text/pubmed/test_current_medline.xml.gz"), config());
        assertEquals(4, current.docs.size());
        assertEquals("PMID:36400559", current.docs.get(0).id());
        assertEquals(2023, current.docs.get(0).year());
        Collect one = read(shared("text/pubmed/pubmed-29768149.xml"), config());
        assertEquals(1, one.docs.size());
        assertTrue(one.docs.get(0).text().contains("fast-acting \u03b2 2-agonist"), one.docs.get(0).text());
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        String secret = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).strip() : "";
        Collect c = new Collect();
        DocumentReader.BadInputException e = null;
        try (InputStream in = Files.newInputStream(resource("xxe.xml"))) {
            new PubMedXmlReader().read(in, "xxe.xml", c);
        } catch (DocumentReader.BadInputException x) {
            e = x;
        }
        for (SourceDocument d : c.docs) {
            assertFalse(!secret.isEmpty() && d.text().contains(secret), "external entity was resolved: " + d.text());
        }
        assertTrue(e != null || c.docs.stream().noneMatch(d -> d.text().contains("Secret: " + secret)),
                "an undeclared entity must fail the file, not be expanded");
        assertEquals(Boolean.FALSE, new PubMedXmlReader().factory().getProperty(
                javax.xml.stream.XMLInputFactory.SUPPORT_DTD));
    }

    @Test
    void malformedXmlKeepsEarlierCitationsAndReportsTheLine() throws Exception {
        Collect c = new Collect();
        DocumentReader.BadInputException e = assertThrows(DocumentReader.BadInputException.class, () -> {
            try (InputStream in = Files.newInputStream(resource("broken.xml"))) {
                new PubMedXmlReader().read(in, "broken.xml", c);
            }
        });
        assertEquals(List.of("PMID:3001"), c.docs.stream().map(SourceDocument::id).toList());
        assertTrue(e.position().startsWith("line 13"), e.position());
    }

    @Test
    void truncatedGzipFailsWithAPosition() throws Exception {
        byte[] full = Files.readAllBytes(shared("text/pubmed/medline16n0902.xml.gz"));
        byte[] cut = Arrays.copyOf(full, full.length / 3);
        Collect c = new Collect();
        Exception e = assertThrows(Exception.class, () -> {
            try (InputStream in = InputFormat.decompress(new ByteArrayInputStream(cut))) {
                new PubMedXmlReader().read(in, "cut.xml.gz", c);
            }
        });
        assertTrue(e instanceof DocumentReader.BadInputException || e instanceof IOException, e.toString());
        assertTrue(c.docs.size() > 50 && c.docs.size() < 604, "citations before the cut: " + c.docs.size());
    }

    @Test
    void pubtatorBlocks() throws Exception {
        Collect c = read(shared("corpora/bc5cdr/CDR_TrainingSet.PubTator.txt"), config());
        assertEquals(500, c.docs.size());
        assertTrue(c.bad.isEmpty(), c.bad.toString());
        SourceDocument d = c.docs.get(0);
        assertEquals("PMID:227508", d.id());
        assertEquals("Naloxone", d.text().substring(0, 8));
        assertEquals("clonidine", d.text().substring(49, 58), "PubTator offsets hold on title + space + abstract");
        String text = "1|t|A title\n1|a|An abstract\n1\t0\t1\tA\tChemical\tD1\n\ngarbage line\n\n2|t|T2\n2|a|A2\n";
        Collect g = new Collect();
        new PubTatorReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x", g);
        assertEquals(List.of("PMID:1", "PMID:2"), g.docs.stream().map(SourceDocument::id).toList());
        assertEquals(1, g.bad.size());
        assertTrue(g.bad.get(0).startsWith("line 5"), g.bad.get(0));
    }

    @Test
    void clinicalCsvRowsAndBadColumnCount() throws Exception {
        Collect c = read(resource("notes-mini.csv"), config());
        assertEquals(List.of("note:1", "note:2", "note:4"), c.docs.stream().map(SourceDocument::id).toList());
        assertEquals("PLAN:,  She will try loratadine for allergic rhinitis.\nReturn in two weeks.", c.docs.get(0).text());
        assertEquals("Allergy / Immunology", c.docs.get(0).metadata().get("specialty"));
        assertEquals(1, c.bad.size());
        assertTrue(c.bad.get(0).startsWith("record 3 (line 4)"), c.bad.get(0));
        Collect mt = read(shared("text/clinical/mtsamples_first400_timarbende.csv"), config());
        assertEquals(401, mt.docs.size());
        assertTrue(mt.bad.isEmpty(), mt.bad.toString());
        assertEquals(4, mt.docs.stream().filter(d -> d.text().isBlank()).count(), "four rows have no transcription");
    }

    @Test
    void plainTextNoteAndGzipDetection() throws Exception {
        Path dir = Files.createTempDirectory("ingest-text");
        Path f = dir.resolve("visit-77.txt.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("Follow-up visit\nAsthma is controlled on budesonide.".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(f, bytes.toByteArray());
        Collect c = read(f, config());
        assertEquals(1, c.docs.size());
        assertEquals("note:visit-77", c.docs.get(0).id());
        assertEquals("Follow-up visit", c.docs.get(0).title());
        assertNull(c.docs.get(0).year());
    }
}
