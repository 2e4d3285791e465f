package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leakage-free k-fold cross-validation over the treats edges, with the baselines in the same run.
 * For test fold k: the test graph lacks fold k's treats edges; training rows of fold j are computed on the
 * graph without folds j and k; embeddings come from the graph without any treats edge. Test pairs are fold
 * k's positives and every non-positive pair assigned to fold k. Ranking: for each held-out (drug, disease),
 * the disease's filtered rank among all diseases for that drug (other known treatments removed).
 */
final class CrossValidation {
    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    /** The models compared: name and the feature-name prefixes they use (empty = the CtD degree prior). */
    static final Map<String, List<String>> MODELS = new LinkedHashMap<>();
    /** The model {@link LinkPredictor} trains (with {@link DerivedFeatures#DEFAULT}); the others are baselines. */
    static final String COMBINED = "combined";

    static {
        MODELS.put("degree prior", List.of());
        MODELS.put("embeddings only", List.of(FeatureSpace.EMBEDDING));
        MODELS.put("DWPC only", List.of(FeatureSpace.DWPC));
        MODELS.put("DWPC + degrees (Rephetio-style)", List.of(FeatureSpace.DWPC, FeatureSpace.DEGREE));
        MODELS.put(COMBINED, List.of(FeatureSpace.DWPC, FeatureSpace.DEGREE, FeatureSpace.EMBEDDING, FeatureSpace.KNN));
    }

    /** Metrics of one model: means over folds, and the pooled test scores for plots. */
    record ModelResult(String model, double[] auroc, double[] auprc, double[] mrr, double[] hits10,
                       List<double[]> pooledScores, List<boolean[]> pooledLabels) {
        double mean(double[] xs) {
            double s = 0;
            for (double x : xs) {
                s += x;
            }
            return s / xs.length;
        }
    }

    record Result(Map<String, ModelResult> models, int folds, List<Integer> testFolds, long seed, int positives, int metapaths, int features,
                  String embeddingSource, double seconds) {
    }

    static Result run(HetGraph g, Embeddings emb, LinkPredConfig config) {
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < config.folds(); k++) {
            all.add(k);
        }
        return run(g, emb, config, all);
    }

    /**
     * @param testFolds the folds held out in turn (all of them for the full CV; a subset to check that a seed
     *                  reproduces a run's per-fold figures); metrics are means over these
     */
    static Result run(HetGraph g, Embeddings emb, LinkPredConfig config, List<Integer> testFolds) {
        long t0 = System.nanoTime();
        int folds = config.folds();
        int n = testFolds.size();
        List<Metapath> metapaths = FeatureBuilder.metapaths(g, config);
        FeatureBuilder fb = new FeatureBuilder(g, config, metapaths, 2);
        long[] positives = fb.positives();
        int ns = g.count(fb.sourceKind);
        int nt = g.count(fb.targetKind);
        Splits splits = Splits.create(ns, nt, positives, folds, config.seed());
        ModelTrainer trainer = new ModelTrainer(config.epochs(), config.learningRate(), config.minibatchSize());
        Map<String, ModelResult> results = new LinkedHashMap<>();
        for (String m : MODELS.keySet()) {
            results.put(m, new ModelResult(m, new double[n], new double[n], new double[n], new double[n],
                    new ArrayList<>(), new ArrayList<>()));
        }
        int featureCount = 0;
        for (int fi = 0; fi < n; fi++) {
            int k = testFolds.get(fi);
            if (k < 0 || k >= folds) {
                throw new IllegalArgumentException("test fold must be in [0, " + folds + "), got " + k);
            }
            long f0 = System.nanoTime();
            FeatureSpace test = fb.space(splits.positivesIn(Set.of(k)), null, emb);
            featureCount = test.size();
            Set<Integer> trainFolds = new LinkedHashSet<>();
            for (int j = 0; j < folds; j++) {
                if (j != k) {
                    trainFolds.add(j);
                }
            }
            // with bagged negatives (ModelTrainer.BAGS) the baselines are trained on every collected row
            TrainingRows rows = TrainingRows.collect(fb, splits, trainFolds, Set.of(k), test.scales(), emb,
                    config.negativesPerPositive() * ModelTrainer.BAGS, config.seed() + k, TrainingRows.PARTS);
            int[] testPos = splits.positiveIndexes(k);
            int[] testNeg = splits.negativeIndexes(k);
            int[] testPairs = new int[testPos.length + testNeg.length];
            boolean[] testLabels = new boolean[testPairs.length];
            System.arraycopy(testPos, 0, testPairs, 0, testPos.length);
            System.arraycopy(testNeg, 0, testPairs, testPos.length, testNeg.length);
            for (int i = 0; i < testPos.length; i++) {
                testLabels[i] = true;
            }
            for (Map.Entry<String, List<String>> e : MODELS.entrySet()) {
                double[] all; // scores of every pair on the test graph
                if (e.getValue().isEmpty()) {
                    all = degreePrior(test, config.treatsType(), g);
                } else {
                    int[] sel = test.select(e.getValue());
                    if (sel.length == 0) {
                        continue; // e.g. embeddings disabled
                    }
                    List<String> names = new ArrayList<>();
                    for (int f : sel) {
                        names.add(test.names().get(f));
                    }
                    double[][] x = rows.columns(sel);
                    if (e.getKey().equals(COMBINED)) { // the model's own derived terms; the baselines stay linear
                        sel = DerivedFeatures.add(DerivedFeatures.DEFAULT, test, sel, names, x, rows.labels())
                                .selection();
                    }
                    // the combined model mixes in its Rephetio-style part (ModelTrainer.REPHETIO_MIX), as trained
                    LinearModel linear = e.getKey().equals(COMBINED)
                            ? trainer.trainMixed(names, new TrainingRows(x, rows.labels(), rows.pairs(), rows.fold()),
                                    config.negativesPerPositive(), config.seed() + k, "cv fold " + k).linear()
                            : trainer.trainConsuming(names, x, rows.labels(), config.seed() + k, "cv fold " + k)
                                    .linear();
                    all = scoreAll(test, sel, linear);
                }
                double[] s = new double[testPairs.length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = all[testPairs[i]];
                }
                ModelResult r = results.get(e.getKey());
                r.auroc()[fi] = Metrics.auroc(s, testLabels);
                r.auprc()[fi] = Metrics.auprc(s, testLabels);
                double[] ranking = ranks(all, testPos, splits.isPositive(), nt);
                r.mrr()[fi] = ranking[0];
                r.hits10()[fi] = ranking[1];
                r.pooledScores().add(s);
                r.pooledLabels().add(testLabels);
            }
            LOG.info("fold {}: {} rows, {} test pairs, {} s", k, rows.labels().length, testPairs.length,
                    (System.nanoTime() - f0) / 1_000_000_000.0);
            for (ModelResult r : results.values()) {
                LOG.info("  {}: AUROC {} AUPRC {}", r.model(), r.auroc()[fi], r.auprc()[fi]);
            }
        }
        return new Result(results, folds, List.copyOf(testFolds), config.seed(), positives.length, metapaths.size(),
                featureCount, emb.source(), (System.nanoTime() - t0) / 1e9);
    }

    /** The CtD degree prior: product of the compound's and the disease's treats degrees (plus a tie-breaker on each). */
    static double[] degreePrior(FeatureSpace space, String treatsType, HetGraph g) {
        int c = space.names().indexOf(FeatureSpace.DEGREE + FeatureBuilder.SOURCE + ":" + treatsType + ">");
        int d = space.names().indexOf(FeatureSpace.DEGREE + FeatureBuilder.TARGET + ":" + treatsType + "<");
        int nt = space.targetCount;
        double[] out = new double[space.sourceCount * nt];
        for (int s = 0; s < space.sourceCount; s++) {
            for (int t = 0; t < nt; t++) {
                double dc = Math.expm1(space.value(c, s, t));
                double dd = Math.expm1(space.value(d, s, t));
                out[s * nt + t] = dc * dd + 1e-6 * (dc + dd);
            }
        }
        return out;
    }

    /**
     * The model's linear score of every pair. A derived feature whose base features are among {@code sel} is
     * computed from their values in the same row (the same arithmetic as {@link FeatureSpace#value}, without
     * computing the base features again).
     */
    static double[] scoreAll(FeatureSpace space, int[] sel, LinearModel model) {
        int nt = space.targetCount;
        double[] out = new double[space.sourceCount * nt];
        FeatureSpace.RowFiller rows = space.rowFiller(sel);
        java.util.stream.IntStream.range(0, space.sourceCount).parallel().forEach(s -> {
            double[] raw = new double[sel.length];
            for (int t = 0; t < nt; t++) {
                rows.fill(s, t, raw);
                out[s * nt + t] = model.linear(raw);
            }
        });
        return out;
    }

    /** Mean reciprocal filtered rank and Hits@10 of each held-out pair among its drug's diseases. */
    static double[] ranks(double[] all, int[] heldOut, boolean[] isPositive, int nt) {
        double rr = 0;
        double hits = 0;
        for (int p : heldOut) {
            int s = p / nt;
            double score = all[p];
            double better = 0;
            double ties = 0;
            for (int t = 0; t < nt; t++) {
                int q = s * nt + t;
                if (q == p || isPositive[q]) {
                    continue;
                }
                if (all[q] > score) {
                    better++;
                } else if (all[q] == score) {
                    ties++;
                }
            }
            double rank = 1 + better + ties / 2;
            rr += 1 / rank;
            hits += rank <= 10 ? 1 : 0;
        }
        return new double[]{rr / heldOut.length, hits / heldOut.length};
    }

    /** AUROC and AUPRC on external pairs: positives are the given pairs (not training positives), negatives all other non-training pairs. */
    static double[] external(double[] all, Set<Integer> externalPositives, boolean[] isTrainingPositive) {
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int p = 0; p < all.length; p++) {
            if (isTrainingPositive[p]) {
                continue;
            }
            scores.add(all[p]);
            labels.add(externalPositives.contains(p));
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] l = new boolean[labels.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
        }
        return new double[]{Metrics.auroc(s, l), Metrics.auprc(s, l), new HashSet<>(externalPositives).size()};
    }
}
