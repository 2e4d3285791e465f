package io.repurpose.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the PubTator layout used by BC5CDR and BioRED (title line, abstract line, tab rows). */
final class PubTator {

    record Annotation(int start, int end, String text, String type, String id) {
    }

    record Rel(String type, String id1, String id2) {
    }

    record Doc(String id, String title, String abstractText, List<Annotation> annotations, List<Rel> relations) {
        /** Title, one space, abstract: the text PubTator offsets refer to. */
        String text() {
            return abstractText.isEmpty() ? title : title + " " + abstractText;
        }
    }

    private PubTator() {
    }

    static List<Doc> read(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String id = null;
            String title = "";
            String abs = "";
            List<Annotation> anns = new ArrayList<>();
            List<Rel> rels = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    if (id != null) {
                        docs.add(new Doc(id, title, abs, List.copyOf(anns), List.copyOf(rels)));
                    }
                    id = null;
                    title = "";
                    abs = "";
                    anns.clear();
                    rels.clear();
                    continue;
                }
                int bar = line.indexOf('|');
                int tab = line.indexOf('\t');
                if (bar > 0 && (tab < 0 || bar < tab) && line.length() > bar + 2 && line.charAt(bar + 2) == '|') {
                    id = line.substring(0, bar);
                    char kind = line.charAt(bar + 1);
                    String body = line.substring(bar + 3);
                    if (kind == 't') {
                        title = body;
                    } else {
                        abs = body;
                    }
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (id == null) {
                    id = f[0];
                }
                if (f.length >= 6 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                    anns.add(new Annotation(Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], f[4], f[5]));
                } else if (f.length >= 4) {
                    rels.add(new Rel(f[1], f[2], f[3]));
                }
            }
            if (id != null) {
                docs.add(new Doc(id, title, abs, List.copyOf(anns), List.copyOf(rels)));
            }
        }
        return docs;
    }

    static void write(Writer out, Doc doc) throws IOException {
        out.write(doc.id() + "|t|" + doc.title() + "\n");
        out.write(doc.id() + "|a|" + doc.abstractText() + "\n");
        for (Annotation a : doc.annotations()) {
            out.write(doc.id() + "\t" + a.start() + "\t" + a.end() + "\t" + a.text() + "\t" + a.type() + "\t" + a.id() + "\n");
        }
        for (Rel r : doc.relations()) {
            out.write(doc.id() + "\t" + r.type() + "\t" + r.id1() + "\t" + r.id2() + "\n");
        }
        out.write("\n");
    }

    /**
     * Maps corpus entity type names to the types the CRFs, the lexicon and the sentence models learn from; null for
     * the others (variants, species, cell lines).
     */
    static EntityType entityType(String corpusType) {
        return switch (corpusType) {
            case "Chemical", "ChemicalEntity" -> EntityType.CHEMICAL;
            case "Disease", "DiseaseOrPhenotypicFeature" -> EntityType.DISEASE;
            case "Gene", "GeneOrGeneProduct" -> EntityType.GENE;
            default -> null;
        };
    }

    /** As {@link #entityType}, and BioRED's {@code SequenceVariant} as a variant (session 9: scoring, pair labels). */
    static EntityType entityTypeOrVariant(String corpusType) {
        return corpusType.equals("SequenceVariant") ? EntityType.VARIANT : entityType(corpusType);
    }
}
