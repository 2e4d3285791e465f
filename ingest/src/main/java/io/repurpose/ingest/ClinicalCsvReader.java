package io.repurpose.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clinical notes as CSV in the MTSamples layout: {@code id, description, specialty, sample name,
 * transcription, keywords} (RFC 4180 quoting, fields may span lines; an optional header row is
 * skipped). The id column is required and becomes {@code <noteIdPrefix><id>}; the transcription is the
 * text. A row with the wrong column count or without id is reported with its line and skipped. No
 * column of this layout identifies a patient; nothing else is stored.
 */
final class ClinicalCsvReader implements DocumentReader {
    static final String SOURCE = "note";
    static final int COLUMNS = 6;

    private final String idPrefix;

    ClinicalCsvReader(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    @Override
    public void read(InputStream in, String fileName, Sink sink) throws IOException {
        BufferedReader r = new BoundedLineReader(in);
        CsvRecords records = new CsvRecords(r);
        CsvRecords.Row row;
        int index = 0;
        while ((row = records.next()) != null) {
            index++;
            List<String> f = row.fields();
            String position = "record " + index + " (line " + row.line() + ")";
            if (f.size() == 1 && f.get(0).isBlank()) {
                continue; // empty line
            }
            if (index == 1 && f.size() == COLUMNS && f.get(4).strip().equalsIgnoreCase("transcription")) {
                continue; // header
            }
            if (f.size() != COLUMNS) {
                sink.badRecord(position, "record", "expected " + COLUMNS + " columns, found " + f.size(), row.raw());
                continue;
            }
            String id = f.get(0).strip();
            if (id.isEmpty()) {
                sink.badRecord(position, "record", "note without id", row.raw());
                continue;
            }
            Map<String, String> meta = new LinkedHashMap<>();
            put(meta, "specialty", f.get(2));
            put(meta, "sampleName", f.get(3));
            put(meta, "keywords", f.get(5));
            String text = f.get(4).strip();
            sink.document(new SourceDocument(idPrefix + id, SOURCE, f.get(1).strip(), text, null, null, List.of(),
                    meta), position);
        }
    }

    private static void put(Map<String, String> m, String k, String v) {
        String s = v.strip();
        if (!s.isEmpty()) {
            m.put(k, s);
        }
    }

    /** RFC 4180 records from a reader, with the line each starts on and its raw text. */
    static final class CsvRecords {
        private final BufferedReader in;
        private int line;

        CsvRecords(BufferedReader in) {
            this.in = in;
        }

        record Row(List<String> fields, int line, String raw) {
        }

        Row next() throws IOException {
            String first = in.readLine();
            if (first == null) {
                return null;
            }
            line++;
            int start = line;
            StringBuilder raw = new StringBuilder(first);
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            String cur = first;
            int i = 0;
            while (true) {
                if (i >= cur.length()) {
                    if (quoted) {
                        String more = in.readLine();
                        if (more == null) {
                            break; // unterminated quote at end of file: the row is whatever was read
                        }
                        line++;
                        if (raw.length() + more.length() >= BoundedLineReader.MAX_CHARS) {
                            throw new BoundedLineReader.TooLongException("record at line " + start + " is longer than "
                                    + BoundedLineReader.MAX_CHARS + " characters (an unterminated quote?)");
                        }
                        raw.append('\n').append(more);
                        field.append('\n');
                        cur = more;
                        i = 0;
                        continue;
                    }
                    break;
                }
                char c = cur.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < cur.length() && cur.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank()) {
                    quoted = true;
                    field.setLength(0);
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
                i++;
            }
            fields.add(field.toString());
            return new Row(fields, start, raw.toString());
        }
    }
}
