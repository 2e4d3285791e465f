package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Leakage-free training rows: the rows of fold j (its positives and its sampled negatives) are computed on
 * the graph without the treats edges of fold j and of every fold in {@code alsoRemoved} (the held-out test
 * fold in cross-validation), so no pair sees its own treats edge, through a degree or a path.
 *
 * @param features all feature values per row
 * @param labels   positive flag per row
 * @param pairs    pair index per row
 * @param fold     fold per row
 */
record TrainingRows(double[][] features, boolean[] labels, int[] pairs, int[] fold) {

    /**
     * Sub-folds per fold used for training and cross-validation. With 4, a training row is computed on a graph
     * missing 5% of the treats edges (final model; 25% in 5-fold CV: the test fold and a quarter of its own),
     * against 20% (40%) for whole folds: closer to the graph the model then scores (0%; 20% in CV). Chosen by
     * CV on the training graph ({@code LinkPredCli tune}).
     */
    static final int PARTS = 4;

    /**
     * @param parts sub-folds per training fold: the rows of sub-fold s of fold j are computed on the graph
     *              without {@code alsoRemoved}'s treats edges and those of (j, s) only, so the training rows see
     *              nearly as many treats edges as the pairs scored later (1 = whole folds)
     */
    static TrainingRows collect(FeatureBuilder fb, Splits splits, Set<Integer> trainFolds, Set<Integer> alsoRemoved,
                                double[] scales, Embeddings emb, int negativesPerPositive, long seed, int parts) {
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<Integer> pairs = new ArrayList<>();
        List<Integer> folds = new ArrayList<>();
        int nt = splits.targets();
        byte[] sub = splits.subfolds(parts, seed);
        Set<Long> base = splits.positivesIn(alsoRemoved);
        for (int j : trainFolds) {
            int[] pos = splits.positiveIndexes(j);
            int[] neg = splits.sampleNegatives(j, pos.length * negativesPerPositive, seed);
            for (int part = 0; part < Math.max(1, parts); part++) {
                Set<Long> removed = new HashSet<>(base);
                for (int p : pos) {
                    if (sub[p] == part) {
                        removed.add(HetGraph.key(p / nt, p % nt));
                    }
                }
                FeatureSpace space = fb.space(removed, scales, emb);
                int nf = space.size();
                for (int[] group : new int[][]{pos, neg}) {
                    boolean label = group == pos;
                    for (int p : group) {
                        if (sub[p] != part) {
                            continue;
                        }
                        double[] row = new double[nf];
                        for (int f = 0; f < nf; f++) {
                            row[f] = space.value(f, p / nt, p % nt);
                        }
                        rows.add(row);
                        labels.add(label);
                        pairs.add(p);
                        folds.add(j);
                    }
                }
            }
        }
        boolean[] l = new boolean[labels.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
        }
        return new TrainingRows(rows.toArray(double[][]::new), l, pairs.stream().mapToInt(Integer::intValue).toArray(),
                folds.stream().mapToInt(Integer::intValue).toArray());
    }

    double[][] columns(int[] select) {
        double[][] out = new double[features.length][select.length];
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < select.length; j++) {
                out[i][j] = features[i][select[j]];
            }
        }
        return out;
    }
}
