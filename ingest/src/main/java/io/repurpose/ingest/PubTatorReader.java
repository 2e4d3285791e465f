package io.repurpose.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * PubTator text: blocks of {@code PMID|t|title}, {@code PMID|a|abstract}, then tab-separated annotation
 * lines, blocks separated by blank lines. The text is title + space + abstract, the offsets PubTator
 * itself uses. Gold annotations are not read: the annotator finds mentions itself. A block whose lines do
 * not fit the layout is reported with its line and skipped.
 */
final class PubTatorReader implements DocumentReader {
    static final String SOURCE = "pubtator";

    @Override
    public void read(InputStream in, String fileName, Sink sink) throws IOException {
        BufferedReader r = new BoundedLineReader(in);
        Block b = null;
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                flush(b, sink);
                b = null;
                continue;
            }
            if (b != null && b.bad) {
                continue;
            }
            int bar1 = line.indexOf('|');
            int tab = line.indexOf('\t');
            boolean textLine = bar1 > 0 && (tab < 0 || bar1 < tab) && line.length() > bar1 + 2
                    && line.charAt(bar1 + 2) == '|' && (line.charAt(bar1 + 1) == 't' || line.charAt(bar1 + 1) == 'a');
            if (textLine) {
                String id = line.substring(0, bar1);
                char kind = line.charAt(bar1 + 1);
                String content = line.substring(bar1 + 3);
                if (b == null) {
                    b = new Block(id, n);
                } else if (!b.id.equals(id)) {
                    flush(b, sink);
                    b = new Block(id, n);
                }
                if (kind == 't') {
                    b.title = content;
                } else {
                    b.abstractText = content;
                }
            } else if (tab > 0 && b != null && line.startsWith(b.id + "\t")) {
                b.annotations++;
            } else {
                String pos = "line " + n;
                sink.badRecord(pos, "record", "not a PubTator line: '" + abbreviate(line) + "'", line);
                if (b != null) {
                    b.bad = true;
                }
            }
        }
        flush(b, sink);
    }

    private static void flush(Block b, Sink sink) {
        if (b == null || b.bad) {
            return;
        }
        String position = "line " + b.line;
        if (!b.id.chars().allMatch(Character::isDigit)) {
            sink.badRecord(position, "record", "PubTator id is not a PMID: '" + abbreviate(b.id) + "'", null);
            return;
        }
        String title = b.title == null ? "" : b.title.strip();
        String abs = b.abstractText == null ? "" : b.abstractText.strip();
        String text = abs.isEmpty() ? title : title + " " + abs;
        sink.document(new SourceDocument("PMID:" + b.id, SOURCE, title, text, null, null, List.of(), Map.of()),
                position);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static final class Block {
        final String id;
        final int line;
        String title;
        String abstractText;
        int annotations;
        boolean bad;

        Block(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }
}
