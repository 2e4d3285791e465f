package io.repurpose.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A plain text file is one clinical note; its id is {@code <noteIdPrefix><file name without extension>}
 * and its first non-blank line is the title.
 */
final class PlainTextReader implements DocumentReader {
    static final String SOURCE = "note";

    private final String idPrefix;
    private final int maxChars;

    PlainTextReader(String idPrefix, int maxChars) {
        this.idPrefix = idPrefix;
        this.maxChars = maxChars;
    }

    @Override
    public void read(InputStream in, String fileName, Sink sink) throws IOException, BadInputException {
        byte[] bytes = in.readNBytes(maxChars * 4 + 1);
        if (bytes.length > maxChars * 4) {
            throw new BadInputException("byte " + bytes.length, "text file longer than " + maxChars + " characters",
                    null);
        }
        String text;
        try {
            // strict: invalid UTF-8 is bad input, not U+FFFD in the graph
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString().strip();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException("file", "not valid UTF-8: " + e, e);
        }
        String stem = fileName;
        for (String ext : List.of(".gz", ".txt", ".text")) {
            if (stem.toLowerCase(java.util.Locale.ROOT).endsWith(ext)) {
                stem = stem.substring(0, stem.length() - ext.length());
            }
        }
        String title = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (title.length() > 200) {
            title = title.substring(0, 200);
        }
        sink.document(new SourceDocument(idPrefix + stem, SOURCE, title, text, null, null, List.of(), Map.of()),
                "file");
    }
}
