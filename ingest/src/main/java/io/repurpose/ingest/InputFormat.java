package io.repurpose.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** The input formats, told apart by content first and file name second. */
enum InputFormat {
    PUBMED_XML, PUBTATOR, CLINICAL_CSV, PLAIN_TEXT;

    private static final Pattern PUBTATOR_LINE = Pattern.compile("^\\s*\\d+\\|[ta]\\|");

    /** Wraps {@code raw} in a gzip stream when its first bytes are the gzip magic number. */
    static InputStream decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    /** Detects the format of a (decompressed, mark-supporting) stream without consuming it. */
    static InputFormat detect(String fileName, InputStream in) throws IOException {
        in.mark(1024);
        byte[] head = in.readNBytes(1024);
        in.reset();
        String s = new String(head, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (s.stripLeading().startsWith("<")) {
            return PUBMED_XML;
        }
        if (PUBTATOR_LINE.matcher(s).find() || name.endsWith(".pubtator") || name.endsWith(".pubtator.txt")) {
            return PUBTATOR;
        }
        if (name.endsWith(".csv")) {
            return CLINICAL_CSV;
        }
        if (name.endsWith(".xml")) {
            return PUBMED_XML;
        }
        return PLAIN_TEXT;
    }

    DocumentReader reader(IngestConfig config) {
        return switch (this) {
            case PUBMED_XML -> new PubMedXmlReader();
            case PUBTATOR -> new PubTatorReader();
            case CLINICAL_CSV -> new ClinicalCsvReader(config.noteIdPrefix());
            case PLAIN_TEXT -> new PlainTextReader(config.noteIdPrefix(), config.maxDocumentChars());
        };
    }
}
