package io.repurpose.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Streams the documents of one input file. Implementations hold no state between files. */
interface DocumentReader {

    /** Receives what a reader finds. {@link #document} may block (backpressure). */
    interface Sink {
        /** A document and where it started, e.g. {@code line 12}. */
        void document(SourceDocument doc, String position);

        /** The source withdrew a document (MEDLINE {@code DeleteCitation}): it and its evidence go. */
        default void deleted(String documentId, String position) {
        }

        /** A bad record that was skipped; the rest of the file goes on. */
        void badRecord(String position, String kind, String message, String rawRecord);
    }

    /**
     * Reads {@code in} (already decompressed) to the end, handing documents to {@code sink}.
     *
     * @throws BadInputException when the file cannot be read further (malformed XML, truncated gzip);
     *                           documents before the failure have been handed out
     */
    void read(InputStream in, String fileName, Sink sink) throws IOException, BadInputException;

    /** The rest of a file cannot be read; carries the position. */
    final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String position;

        BadInputException(String position, String message, Throwable cause) {
            super(message, cause);
            this.position = position;
        }

        String position() {
            return position;
        }
    }
}
