package io.repurpose.ingest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the PubMed XML and PubTator readers, the two that parse untrusted
 * files. A reader may only hand out well-formed documents or fail with the exceptions the pipeline
 * quarantines ({@link DocumentReader.BadInputException}, {@link IOException}); anything else (a
 * NullPointerException, an index out of bounds, a StackOverflowError, running out of memory) is a finding.
 *
 * <p>In {@code mvn test} this runs in regression mode: each committed seed in
 * {@code src/test/resources/io/repurpose/ingest/ReaderFuzzTestInputs/<method>/} (and every crash found
 * earlier, once committed there) is replayed, in well under a second. A real fuzzing run (5 minutes, the
 * {@code maxDuration} below; one fuzz test per run):
 * <pre>
 *   JAZZER_FUZZ=1 mvn -B test -pl ingest -Dtest='ReaderFuzzTest#pubMedXml'
 *   JAZZER_FUZZ=1 mvn -B test -pl ingest -Dtest='ReaderFuzzTest#pubTator'
 * </pre>
 * The growing corpus goes to {@code ingest/.cifuzz-corpus/} (git-ignored); a crashing input is written to the
 * inputs directory above, where it becomes a regression test once committed.
 */
class ReaderFuzzTest {

    /** Checks what a reader hands out; bounded like the pipeline expects. */
    static final class Checking implements DocumentReader.Sink {
        int documents;

        @Override
        public void document(SourceDocument doc, String position) {
            documents++;
            assertNotNull(doc.id());
            assertTrue(doc.id().startsWith("PMID:"), doc.id());
            assertNotNull(doc.text());
            assertNotNull(position);
            // the readers bound every field to BoundedLineReader.MAX_CHARS; a document is title + text
            assertTrue(doc.text().length() <= 2L * BoundedLineReader.MAX_CHARS + 1, "document too long");
        }

        @Override
        public void deleted(String documentId, String position) {
            assertTrue(documentId.startsWith("PMID:"), documentId);
        }

        @Override
        public void badRecord(String position, String kind, String message, String rawRecord) {
            assertNotNull(position);
            assertNotNull(message);
        }
    }

    static void read(DocumentReader reader, byte[] data, String name) {
        try (InputStream in = InputFormat.decompress(new ByteArrayInputStream(data))) {
            reader.read(in, name, new Checking());
        } catch (DocumentReader.BadInputException | IOException expected) {
            // bad input: the pipeline quarantines the file
        }
    }

    @FuzzTest(maxDuration = "5m")
    void pubMedXml(byte[] data) {
        read(new PubMedXmlReader(), data, "fuzz.xml");
    }

    @FuzzTest(maxDuration = "5m")
    void pubTator(byte[] data) {
        read(new PubTatorReader(), data, "fuzz.pubtator");
    }
}
