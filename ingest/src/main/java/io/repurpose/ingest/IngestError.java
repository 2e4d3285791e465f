package io.repurpose.ingest;

import java.util.Objects;

/**
 * One problem met by a job, with where it was.
 *
 * @param file     the input file, or {@code request} for text handed in directly
 * @param position where in the file: {@code line 12, column 5}, {@code record 3 (line 40)}, a document id
 * @param kind     what failed: {@code parse}, {@code record}, {@code empty}, {@code nlp}, {@code write}, {@code io}
 * @param message  why
 */
public record IngestError(String file, String position, String kind, String message) {
    public IngestError {
        Objects.requireNonNull(file, "file");
        position = position == null ? "" : position;
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return file + (position.isEmpty() ? "" : " @ " + position) + " [" + kind + "] " + message;
    }
}
