package io.repurpose.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Lines of strict UTF-8 text with a bound on their length, for the line-based readers: invalid UTF-8
 * fails the file ({@link java.nio.charset.MalformedInputException}) instead of turning into U+FFFD, and a
 * line longer than {@link #MAX_CHARS} (a hostile or broken file, e.g. a gzip bomb without line breaks)
 * fails it instead of filling the heap.
 */
final class BoundedLineReader extends BufferedReader {
    /** Longest line, field or record any reader holds in memory (characters). */
    static final int MAX_CHARS = 4_000_000;

    private int line;

    BoundedLineReader(InputStream in) {
        // a decoder passed directly reports malformed input (an InputStreamReader given a Charset replaces it)
        super(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), 1 << 16);
    }

    /** Lines read so far. */
    int lineNumber() {
        return line;
    }

    @Override
    public String readLine() throws IOException {
        try {
            return boundedLine();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new java.nio.charset.CharacterCodingException() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getMessage() {
                    return "line " + (line + 1) + " is not valid UTF-8 (" + e + ")";
                }
            };
        }
    }

    private String boundedLine() throws IOException {
        StringBuilder b = new StringBuilder(128);
        int c;
        while ((c = read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                mark(1);
                if (read() != '\n') {
                    reset();
                }
                break;
            }
            if (b.length() >= MAX_CHARS) {
                throw new TooLongException("line " + (line + 1) + " is longer than " + MAX_CHARS + " characters");
            }
            b.append((char) c);
        }
        if (c < 0 && b.length() == 0) {
            return null;
        }
        line++;
        return b.toString();
    }

    /** A line, field or record over {@link #MAX_CHARS}: the file is bad input. */
    static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException(String message) {
            super(message);
        }
    }
}
