package io.repurpose.nlp;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chemical and disease names annotated in training documents, as normalised keys ({@link Lexicon#key}), for the
 * CRF's corpus-name feature (session 6): each token gets the tag of the longest name it stands in ("BCHEM", "IDIS",
 * or "O"). Trained rows take their tags from names of the <em>other</em> training documents
 * ({@link #jackknife}), so the feature is as unreliable in training as on unseen text; at run time the names of all
 * training documents are used ({@code crf-names.tsv} next to the CRF model).
 */
final class CorpusNames {

    static final String FILE = "crf-names.tsv";

    /** Name key → type ("CHEM" or "DIS"); the commoner type when a name was annotated as both. */
    private final Map<String, String> types;
    private final int maxTokens;

    private CorpusNames(Map<String, String> types) {
        this.types = types;
        int max = 1;
        for (String k : types.keySet()) {
            max = Math.max(max, k.split(" ").length);
        }
        this.maxTokens = Math.min(max, MentionFinder.MAX_SPAN_TOKENS);
    }

    int size() {
        return types.size();
    }

    /** The chemical/disease names annotated in these documents. */
    static CorpusNames of(List<PubTator.Doc> docs) {
        Map<String, int[]> counts = new HashMap<>();
        for (PubTator.Doc d : docs) {
            for (PubTator.Annotation a : d.annotations()) {
                EntityType t = PubTator.entityType(a.type());
                String k = Lexicon.key(a.text());
                if ((t == EntityType.CHEMICAL || t == EntityType.DISEASE) && !k.isEmpty()) {
                    counts.computeIfAbsent(k, x -> new int[2])[t == EntityType.CHEMICAL ? 0 : 1]++;
                }
            }
        }
        Map<String, String> types = new HashMap<>();
        counts.forEach((k, c) -> types.put(k, c[0] >= c[1] ? "CHEM" : "DIS"));
        return new CorpusNames(types);
    }

    /**
     * For every document, the names of the documents in the other {@code parts} parts (index modulo parts): the
     * names a document's rows may see without seeing their own annotations.
     */
    static List<CorpusNames> jackknife(List<PubTator.Doc> docs, int parts) {
        List<CorpusNames> byPart = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<PubTator.Doc> others = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                if (i % parts != p) {
                    others.add(docs.get(i));
                }
            }
            byPart.add(of(others));
        }
        List<CorpusNames> out = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            out.add(byPart.get(i % parts));
        }
        return out;
    }

    /** Longest-match tags over the tokens' keys (empty keys, i.e. punctuation, are skipped inside a name). */
    String[] tags(String[] keys) {
        int n = keys.length;
        String[] tags = new String[n];
        Arrays.fill(tags, "O");
        int i = 0;
        while (i < n) {
            if (keys[i].isEmpty()) {
                i++;
                continue;
            }
            int end = -1;
            String type = null;
            StringBuilder b = new StringBuilder();
            int words = 0;
            for (int j = i; j < n && words < maxTokens; j++) {
                if (keys[j].isEmpty()) {
                    continue;
                }
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(keys[j]);
                words++;
                String t = types.get(b.toString());
                if (t != null && !(words == 1 && keys[j].length() < 2)) {
                    end = j + 1;
                    type = t;
                }
            }
            if (end < 0) {
                i++;
                continue;
            }
            for (int j = i; j < end; j++) {
                tags[j] = (j == i ? "B" : "I") + type;
            }
            i = end;
        }
        return tags;
    }

    void write(Path file) {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("# chemical/disease names of the CRF's training documents (normalised key, type)");
            types.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> w.println(e.getKey() + "\t" + e.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CorpusNames read(Path file) {
        Map<String, String> types = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                types.put(f[0], f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the CRF model uses corpus-name features)", e);
        }
        return new CorpusNames(types);
    }
}
