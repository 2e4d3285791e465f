package io.repurpose.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Scores an annotator on a PubTator corpus, end to end from raw text: strict mention-level NER per type
 * (same offsets and type), document-level relation pairs — BC5CDR CID on (chemical MeSH, disease MeSH) from
 * asserted CAUSES relations; BioRED on unordered id pairs (MeSH for chemicals and diseases, Entrez for genes)
 * from any asserted relation. Writes the predictions in PubTator layout.
 */
final class Evaluation {

    /** Counts and precision/recall/F1. */
    record Prf(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format("P %.4f  R %.4f  F1 %.4f  (tp %d, fp %d, fn %d)", precision(), recall(), f1(), tp, fp, fn);
        }
    }

    /** Scores by name: "NER Chemical", "NER Disease", "NER Gene", "CID pairs", "BioRED pairs", ... */
    record Scores(String corpus, int documents, Map<String, Prf> scores) {
        Prf get(String name) {
            return scores.get(name);
        }

        String report() {
            StringBuilder b = new StringBuilder(corpus + ", " + documents + " documents\n");
            scores.forEach((k, v) -> b.append(String.format("  %-26s %s%n", k, v)));
            return b.toString();
        }
    }

    private Evaluation() {
    }

    static boolean isBc5cdr(List<PubTator.Doc> docs) {
        for (PubTator.Doc d : docs) {
            for (PubTator.Rel r : d.relations()) {
                return r.type().equals("CID");
            }
        }
        for (PubTator.Doc d : docs) {
            for (PubTator.Annotation a : d.annotations()) {
                return a.type().equals("Chemical") || a.type().equals("Disease");
            }
        }
        return true;
    }

    static Scores evaluate(TextAnnotator annotator, List<PubTator.Doc> docs, Writer predictions, int threads) {
        return evaluate(d -> annotator.annotate(d.id(), inputText(d)), docs, predictions, threads);
    }

    /** As above with any way of annotating a corpus document (e.g. relations over its gold mentions). */
    static Scores evaluate(Function<PubTator.Doc, AnnotatedDocument> annotator, List<PubTator.Doc> docs,
                           Writer predictions, int threads) {
        boolean bc5 = isBc5cdr(docs);
        List<AnnotatedDocument> results = annotateAll(annotator, docs, threads);
        Map<EntityType, int[]> ner = new LinkedHashMap<>();
        int[] cid = new int[3];
        int[] pairs = new int[3];
        int[] pairsTyped = new int[3];
        int[] reach = new int[3];
        Map<RelationType, int[]> typed = new LinkedHashMap<>();
        typed.put(RelationType.TREATS, new int[3]);
        typed.put(RelationType.CAUSES, new int[3]);
        for (int i = 0; i < docs.size(); i++) {
            PubTator.Doc d = docs.get(i);
            AnnotatedDocument a = results.get(i);
            Set<String> gold = new HashSet<>();
            Set<String> goldIdsTyped = new HashSet<>();
            Map<String, EntityType> goldIdType = new java.util.HashMap<>();
            for (PubTator.Annotation g : d.annotations()) {
                EntityType t = PubTator.entityTypeOrVariant(g.type());
                if (t == EntityType.VARIANT) {
                    gold.add(g.start() + ":" + g.end() + ":" + t);
                } else if (t != null) {
                    gold.add(g.start() + ":" + g.end() + ":" + t);
                    for (String id : g.id().split("[|,;]")) {
                        goldIdsTyped.add(id.replace("MESH:", "").trim());
                        goldIdType.put(id.replace("MESH:", "").trim(), t);
                    }
                }
            }
            Set<String> pred = new HashSet<>();
            Set<String> predIds = new HashSet<>();
            for (Mention m : a.mentions()) {
                String mid = evalId(m);
                if (mid != null) {
                    predIds.add(mid);
                }
                if (bc5 && (m.type() == EntityType.GENE || m.type() == EntityType.VARIANT)) {
                    continue; // BC5CDR annotates no genes or variants
                }
                pred.add(m.start() + ":" + m.end() + ":" + m.type());
            }
            for (EntityType t : EntityType.values()) {
                if (bc5 && (t == EntityType.GENE || t == EntityType.VARIANT)) {
                    continue;
                }
                int[] c = ner.computeIfAbsent(t, k -> new int[3]);
                for (String p : pred) {
                    if (p.endsWith(":" + t)) {
                        c[gold.contains(p) ? 0 : 1]++;
                    }
                }
                for (String g : gold) {
                    if (g.endsWith(":" + t) && !pred.contains(g)) {
                        c[2]++;
                    }
                }
            }
            Set<String> predPairs = new HashSet<>();
            List<PubTator.Rel> predRels = new ArrayList<>();
            for (Relation r : a.relations()) {
                if (r.negated()) {
                    continue;
                }
                String s = evalId(r.subject());
                String o = evalId(r.object());
                if (s == null || o == null) {
                    continue;
                }
                if (bc5) {
                    if (r.type() == RelationType.CAUSES && predPairs.add(s + "\t" + o)) {
                        predRels.add(new PubTator.Rel("CID", s, o));
                    }
                } else if (predPairs.add(unordered(s, o))) {
                    predRels.add(new PubTator.Rel(bioredType(r.type()), s, o));
                }
            }
            Set<String> goldPairs = new HashSet<>();
            Set<String> goldPairsTyped = new HashSet<>();
            for (PubTator.Rel r : d.relations()) {
                String k = bc5 ? r.id1() + "\t" + r.id2() : unordered(r.id1(), r.id2());
                goldPairs.add(k);
                reach[predIds.contains(r.id1()) && predIds.contains(r.id2()) ? 0 : 2]++;
                if (goldIdsTyped.contains(r.id1()) && goldIdsTyped.contains(r.id2())) {
                    goldPairsTyped.add(k);
                }
            }
            count(bc5 ? cid : pairs, predPairs, goldPairs);
            if (!bc5) {
                count(pairsTyped, predPairs, goldPairsTyped);
                typed.forEach((t, c) -> count(c, chemicalDiseasePairs(a, t), goldChemicalDiseasePairs(d, goldIdType, t)));
            }
            if (predictions != null) {
                write(predictions, d, a, predRels, bc5);
            }
        }
        Map<String, Prf> out = new LinkedHashMap<>();
        ner.forEach((t, c) -> out.put("NER " + t, new Prf(c[0], c[1], c[2])));
        if (bc5) {
            out.put("CID pairs", new Prf(cid[0], cid[1], cid[2]));
        } else {
            out.put("BioRED pairs (all gold)", new Prf(pairs[0], pairs[1], pairs[2]));
            out.put("BioRED pairs (chem/dis/gene)", new Prf(pairsTyped[0], pairsTyped[1], pairsTyped[2]));
            typed.forEach((t, c) -> out.put("chem>dis " + t + " (" + bioredType(t) + ")", new Prf(c[0], c[1], c[2])));
        }
        // the normalisation ceiling: gold pairs whose two ids are both among the predicted mentions' ids (R = reach)
        out.put("gold pairs reachable", new Prf(reach[0], reach[1], reach[2]));
        return new Scores(bc5 ? "BC5CDR" : "BioRED", docs.size(), out);
    }

    /**
     * The id ceiling: gold relation pairs whose two ids are both among {@code producible} (the ids the lexicon can
     * output, {@link Lexicon#evaluationIds()}) as tp, the others as fn; a sequence variant's id counts as producible.
     * Its recall bounds every relation recall on the corpus, whatever mentions and relation models do.
     */
    static Prf idCeiling(List<PubTator.Doc> docs, Set<String> producible) {
        int[] c = new int[3];
        for (PubTator.Doc d : docs) {
            Set<String> ok = new HashSet<>();
            for (PubTator.Annotation g : d.annotations()) {
                boolean variant = PubTator.entityTypeOrVariant(g.type()) == EntityType.VARIANT;
                for (String id : g.id().split(variant ? "[,;]" : "[|,;]")) { // a variant id such as p|SUB|V|600|E is one id
                    String bare = id.replace("MESH:", "").trim();
                    if (variant || producible.contains(bare)) {
                        ok.add(bare);
                    }
                }
            }
            for (PubTator.Rel r : d.relations()) {
                c[ok.contains(r.id1()) && ok.contains(r.id2()) ? 0 : 2]++;
            }
        }
        return new Prf(c[0], c[1], c[2]);
    }

    private static void count(int[] c, Set<String> pred, Set<String> gold) {
        for (String p : pred) {
            c[gold.contains(p) ? 0 : 1]++;
        }
        for (String g : gold) {
            if (!pred.contains(g)) {
                c[2]++;
            }
        }
    }

    /**
     * The (chemical, disease) id pairs of the document's asserted relations of this type whose subject is a chemical
     * and object a disease: the typed side of BioRED's chemical–disease pairs (TREATS against Negative_Correlation,
     * CAUSES against Positive_Correlation), which the untyped pair scores above do not see.
     */
    static Set<String> chemicalDiseasePairs(AnnotatedDocument a, RelationType type) {
        Set<String> out = new HashSet<>();
        for (Relation r : a.relations()) {
            String s = evalId(r.subject());
            String o = evalId(r.object());
            if (!r.negated() && r.type() == type && r.subject().type() == EntityType.CHEMICAL
                    && r.object().type() == EntityType.DISEASE && s != null && o != null) {
                out.add(s + "\t" + o);
            }
        }
        return out;
    }

    /** The gold (chemical, disease) pairs of the document whose BioRED relation type is {@code type}'s. */
    static Set<String> goldChemicalDiseasePairs(PubTator.Doc d, Map<String, EntityType> idType, RelationType type) {
        Set<String> out = new HashSet<>();
        for (PubTator.Rel r : d.relations()) {
            if (!r.type().equals(bioredType(type))) {
                continue;
            }
            if (idType.get(r.id1()) == EntityType.CHEMICAL && idType.get(r.id2()) == EntityType.DISEASE) {
                out.add(r.id1() + "\t" + r.id2());
            } else if (idType.get(r.id2()) == EntityType.CHEMICAL && idType.get(r.id1()) == EntityType.DISEASE) {
                out.add(r.id2() + "\t" + r.id1());
            }
        }
        return out;
    }

    private static String unordered(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "\t" + b : b + "\t" + a;
    }

    /** The id the corpora use: MeSH for chemicals and diseases, Entrez for genes, BioRED's variant ids. */
    static String evalId(Mention m) {
        if (m.type() == EntityType.GENE || m.type() == EntityType.VARIANT) {
            return m.identifier();
        }
        return m.xrefs().get("MESH");
    }

    private static String bioredType(RelationType t) {
        return switch (t) {
            case TREATS -> "Negative_Correlation";
            case CAUSES -> "Positive_Correlation";
            case TARGETS -> "Bind";
            case ASSOCIATED_WITH, GENE_INTERACTS, CHEMICAL_INTERACTS, VARIANT_ASSOCIATED_WITH, VARIANT_RESPONSE -> "Association";
        };
    }

    private static void write(Writer w, PubTator.Doc d, AnnotatedDocument a, List<PubTator.Rel> rels, boolean bc5) {
        List<PubTator.Annotation> anns = new ArrayList<>();
        for (Mention m : a.mentions()) {
            if (bc5 && (m.type() == EntityType.GENE || m.type() == EntityType.VARIANT)) {
                continue;
            }
            String type = switch (m.type()) {
                case CHEMICAL -> bc5 ? "Chemical" : "ChemicalEntity";
                case DISEASE -> bc5 ? "Disease" : "DiseaseOrPhenotypicFeature";
                case GENE -> "GeneOrGeneProduct";
                case VARIANT -> "SequenceVariant";
            };
            String id = evalId(m);
            anns.add(new PubTator.Annotation(m.start(), m.end(), m.text(), type, id == null ? "-1" : id));
        }
        try {
            PubTator.write(w, new PubTator.Doc(d.id(), d.title(), d.abstractText(), anns, rels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The annotator's input for a PubTator document: title and abstract joined by a line break (same offsets). */
    static String inputText(PubTator.Doc d) {
        return d.abstractText().isEmpty() ? d.title() : d.title() + "\n" + d.abstractText();
    }

    static List<AnnotatedDocument> annotateAll(TextAnnotator annotator, List<PubTator.Doc> docs, int threads) {
        return annotateAll(d -> annotator.annotate(d.id(), inputText(d)), docs, threads);
    }

    static List<AnnotatedDocument> annotateAll(Function<PubTator.Doc, AnnotatedDocument> annotator,
                                               List<PubTator.Doc> docs, int threads) {
        return parallel(docs, annotator, threads);
    }

    /** f over the items on a pool of the given size (in the calling thread for one), results in item order. */
    static <T, R> List<R> parallel(List<T> items, Function<T, R> f, int threads) {
        if (threads <= 1) {
            List<R> out = new ArrayList<>();
            for (T t : items) {
                out.add(f.apply(t));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (T t : items) {
                fs.add(pool.submit(() -> f.apply(t)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> x : fs) {
                out.add(x.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("annotation failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }
}
