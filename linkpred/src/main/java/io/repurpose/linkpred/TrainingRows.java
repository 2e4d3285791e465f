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

    /**
     * Bag {@code bag} of {@code bags} disjoint bags of these rows, in row order: every positive row, and per fold the
     * bag's own {@code ratio} negatives per positive from one seeded shuffle of the fold's negative rows, or an equal
     * share of them when the fold holds fewer than {@code bags * ratio} per positive (a small graph). Bagged negatives: each bag's
     * model sees a 50:1 sample, the bags together every collected negative ({@link ModelTrainer#BAGS}).
     */
    int[] bag(int ratio, int bags, int bag, long seed) {
        if (ratio < 1 || bags < 1 || bag < 0 || bag >= bags) {
            throw new IllegalArgumentException("need ratio >= 1 and 0 <= bag < bags, got ratio " + ratio + ", bag "
                    + bag + " of " + bags);
        }
        java.util.Map<Integer, List<Integer>> neg = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> pos = new java.util.HashMap<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                keep.add(i);
                pos.merge(fold[i], 1, Integer::sum);
            } else {
                neg.computeIfAbsent(fold[i], f -> new ArrayList<>()).add(i);
            }
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (java.util.Map.Entry<Integer, List<Integer>> e : neg.entrySet()) {
            List<Integer> c = e.getValue();
            for (int i = c.size() - 1; i > 0; i--) {
                java.util.Collections.swap(c, i, r.nextInt(i + 1));
            }
            int n = Math.min(ratio * pos.getOrDefault(e.getKey(), 0), c.size() / bags);
            int from = bag * n;
            keep.addAll(c.subList(from, Math.min(c.size(), from + n)));
        }
        return keep.stream().mapToInt(Integer::intValue).sorted().toArray();
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
