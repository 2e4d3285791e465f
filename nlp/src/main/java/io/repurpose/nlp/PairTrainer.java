package io.repurpose.nlp;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the document-level pair classifier on the train splits, end to end from raw text: each training
 * document is annotated (mentions from the CRF/lexicon as at run time) with sentence-level relation models that
 * were trained on the other fold, so the sentence scores it learns to trust are out-of-sample ones. Labels come
 * from the document's gold pairs in the corpus id space (MeSH, Entrez): BC5CDR CID → CAUSES (chemical→disease
 * pairs only, BC5CDR annotates no genes); BioRED as in {@link RelationTrainer#label}. Pairs whose entities have
 * no corpus id are left out (their truth is unknown).
 */
final class PairTrainer {

    record Result(int examples, Map<String, Integer> labelCounts, Map<String, Double> thresholds) {
    }

    /** One training pair: its fold, family ("CHEMICAL>DISEASE"), gold label and example. */
    private record Row(int fold, String family, String label, Example<Label> example) {
    }

    /** Entity types whose same-type pairs the pair model learns from BioRED (gene–gene, chemical–chemical). */
    static final Set<EntityType> SAME_TYPE = Set.of(EntityType.GENE, EntityType.CHEMICAL);

    private PairTrainer() {
    }

    /** Trains and saves the pair model; {@code sameType}: entity types whose same-type pairs are learned from BioRED. */
    static Result train(NlpConfig config, CoreNlpAnnotator annotator, List<PubTator.Doc> bc5cdr, List<PubTator.Doc> biored,
                        List<RelationModel[]> folds, Set<EntityType> sameType, long seed) {
        List<CoreNlpAnnotator> byFold = new ArrayList<>();
        for (RelationModel[] f : folds) {
            byFold.add(annotator.withRelationModels(f[0], f[1], null));
        }
        List<PubTator.Doc> all = NlpTrain.concat(bc5cdr, biored);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            PubTator.Doc d = all.get(i);
            boolean isBiored = i >= bc5cdr.size();
            CoreNlpAnnotator.Analysis a = byFold.get(RelationTrainer.fold(i)).analyse(d.id(), Evaluation.inputText(d));
            Map<String, String> gold = new HashMap<>();
            for (PubTator.Rel r : d.relations()) {
                gold.put(r.id1() + "\t" + r.id2(), isBiored ? r.type() : "CID");
                if (isBiored) {
                    gold.put(r.id2() + "\t" + r.id1(), r.type());
                }
            }
            for (PairFeatures.Pair p : PairFeatures.pairs(a.document().mentions(), a.tokens(), a.scored(),
                    isBiored ? sameType : Set.of(), annotator.hierarchy(), annotator.options().sameTypeClose())) {
                EntityType st = p.subject().type();
                EntityType ot = p.object().type();
                if (!isBiored && !(st == EntityType.CHEMICAL && ot == EntityType.DISEASE)) {
                    continue;
                }
                String s = Evaluation.evalId(p.subject().mentions().get(0));
                String o = Evaluation.evalId(p.object().mentions().get(0));
                if (s == null || o == null) {
                    continue;
                }
                String label = RelationTrainer.label(gold.get(s + "\t" + o), st, ot, isBiored);
                if (label == null) {
                    continue;
                }
                rows.add(new Row(RelationTrainer.fold(i), st + ">" + ot, label, RelationModel.example(label, p.features())));
                counts.merge(label, 1, Integer::sum);
            }
        }
        Map<String, Double> thresholds = thresholds(rows, seed);
        List<Example<Label>> examples = rows.stream().map(Row::example).toList();
        Model<Label> model = RelationTrainer.fit(examples, "BC5CDR train (" + bc5cdr.size() + " docs) + BioRED train ("
                + biored.size() + " docs), predicted mentions, document-level entity pairs, out-of-fold sentence scores", seed);
        RelationTrainer.save(model, config.pairModel());
        writeThresholds(config.pairThresholds(), thresholds, rows.size());
        return new Result(examples.size(), counts, thresholds);
    }

    /**
     * Per pair family, the probability threshold that maximises pair F1 (any relation vs none) in 2-fold
     * cross-validation over the training documents: the classes are unbalanced (most entity pairs are unrelated),
     * so 0.5 is far too strict for F1.
     */
    private static Map<String, Double> thresholds(List<Row> rows, long seed) {
        Map<String, List<double[]>> scored = new TreeMap<>(); // family -> (probability, gold positive)
        for (int k = 0; k < 2; k++) {
            final int held = k;
            List<Example<Label>> train = rows.stream().filter(r -> r.fold() != held).map(Row::example).toList();
            if (train.isEmpty()) {
                continue;
            }
            RelationModel m = new RelationModel(RelationTrainer.fit(train, "pair threshold fold " + k, seed));
            for (Row r : rows) {
                if (r.fold() != held) {
                    continue;
                }
                Map<String, Double> probs = m.score(r.example());
                String[] types = r.family().split(">");
                RelationType t = CoreNlpAnnotator.bestType(probs, EntityType.valueOf(types[0]), EntityType.valueOf(types[1]));
                double p = t == null ? 0 : probs.getOrDefault(t.name(), 0.0);
                scored.computeIfAbsent(r.family(), f -> new ArrayList<>())
                        .add(new double[] {p, r.label().equals(RelationModel.NONE) ? 0 : 1});
            }
        }
        Map<String, Double> out = new TreeMap<>();
        scored.forEach((family, list) -> {
            double bestF = -1;
            double bestT = 0.5;
            for (int step = 5; step <= 95; step++) {
                double t = step / 100.0;
                int tp = 0;
                int fp = 0;
                int fn = 0;
                for (double[] x : list) {
                    boolean pred = x[0] >= t;
                    if (pred && x[1] > 0) {
                        tp++;
                    } else if (pred) {
                        fp++;
                    } else if (x[1] > 0) {
                        fn++;
                    }
                }
                double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                if (f > bestF) {
                    bestF = f;
                    bestT = t;
                }
            }
            out.put(family, bestT);
        });
        return out;
    }

    private static void writeThresholds(java.nio.file.Path file, Map<String, Double> thresholds, int examples) {
        StringBuilder b = new StringBuilder("# pair-model thresholds per family, F1-optimal in 2-fold CV over ")
                .append(examples).append(" training pairs (train splits only)\n");
        thresholds.forEach((f, t) -> b.append(f).append('=').append(t).append('\n'));
        try {
            java.nio.file.Files.writeString(file, b.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Thresholds per family from the sidecar file; empty when it is absent. */
    static Map<String, Double> readThresholds(java.nio.file.Path file) {
        Map<String, Double> out = new HashMap<>();
        if (!java.nio.file.Files.exists(file)) {
            return out;
        }
        try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    out.put(line.substring(0, eq).trim(), Double.parseDouble(line.substring(eq + 1).trim()));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
