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
            Counted compressed = new Counted(in);
            return new BufferedInputStream(new InflationLimit(new GZIPInputStream(compressed, 1 << 16), compressed),
                    1 << 16);
        }
        return in;
    }

    /**
     * Past {@link #INFLATION_GRACE} bytes, gzip input may not expand more than this many times: real
     * MEDLINE, PubTator and CSV files expand 5-15 times, a gzip bomb ~1000 times.
     */
    static final int MAX_INFLATION = 100;
    static final long INFLATION_GRACE = 16L << 20;

    /** Counts the compressed bytes the gzip stream consumed. */
    private static final class Counted extends java.io.FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    /** Fails the file (an IOException: quarantined) when it inflates like a gzip bomb. */
    private static final class InflationLimit extends java.io.FilterInputStream {
        private final Counted compressed;
        private long inflated;

        InflationLimit(InputStream gzip, Counted compressed) {
            super(gzip);
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            inflated += Math.max(0, n);
            if (inflated > INFLATION_GRACE && inflated > MAX_INFLATION * compressed.count) {
                throw new IOException("gzip bomb: " + compressed.count + " compressed bytes expanded to more than "
                        + inflated + " (over " + MAX_INFLATION + " times)");
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int len = (int) Math.min(n, 1 << 16);
            return Math.max(0, read(new byte[len], 0, len));
        }
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
