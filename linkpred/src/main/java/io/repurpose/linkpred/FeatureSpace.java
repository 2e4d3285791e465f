package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of every source–target pair on one graph variant: DWPC per metapath (transformed
 * {@code asinh(dwpc / scale)}, scale = the metapath's mean DWPC), node degrees per relationship type
 * ({@code log1p}), and embedding link features (Hadamard product per dimension, cosine, L2 distance).
 * Values are computed on demand from the DWPC matrices, degree arrays and embeddings; nothing of size
 * pairs × features is held.
 */
final class FeatureSpace {
    static final String DWPC = "dwpc:";
    static final String DEGREE = "degree:";
    static final String EMBEDDING = "emb:";
    static final String KNN = "knn:";

    private final List<String> names = new ArrayList<>();
    // 0 dwpc, 1 source degree, 2 target degree, 3 hadamard, 4 cosine, 5 l2, 6-9 emb knn, 10-13 knn, 14 pair knn,
    // 15 derived (registered later by name, see derive)
    private int[] kind;
    private int[] arg;
    private final List<DerivedFeatures.Op> derived = new ArrayList<>();
    private final List<float[]> dwpc = new ArrayList<>();
    private final double[] scales;
    private final List<int[]> degrees = new ArrayList<>();
    private final Embeddings embeddings;
    private final double[] sourceNorm;
    private final double[] targetNorm;
    final int sourceCount;
    final int targetCount;
    final List<Metapath> metapaths;
    final String[] sourceIds;
    final String[] targetIds;

    /**
     * @param scales DWPC scales per metapath (in order); null computes each as the mean over all pairs
     */
    private final Similarities similarities;
    private final HetGraph.Csr treatsForward;
    private final HetGraph.Csr treatsBackward;
    private final NeighbourSimilarity neighbours;
    private final List<float[]> pairScores = new ArrayList<>();

    /**
     * Cosine similarities among source and among target embeddings, computed once per embedding and
     * shared by every graph variant.
     */
    record Similarities(float[][] sources, float[][] targets) {
        static Similarities of(Embeddings e) {
            return new Similarities(cosines(e.sources()), cosines(e.targets()));
        }

        private static float[][] cosines(float[][] v) {
            double[] n = norms(v);
            float[][] out = new float[v.length][v.length];
            java.util.stream.IntStream.range(0, v.length).parallel().forEach(i -> {
                for (int j = 0; j < v.length; j++) {
                    double dot = 0;
                    for (int k = 0; k < v[i].length; k++) {
                        dot += (double) v[i][k] * v[j][k];
                    }
                    out[i][j] = n[i] * n[j] == 0 ? 0f : (float) (dot / (n[i] * n[j]));
                }
            });
            return out;
        }
    }

    FeatureSpace(HetGraph g, int sourceKind, int targetKind, List<Metapath> metapaths, Map<String, float[]> dwpcValues,
                 double[] scales, Embeddings embeddings) {
        this(g, sourceKind, targetKind, metapaths, dwpcValues, scales, embeddings, null, null, null);
    }

    /**
     * @param treatsType   the predicted type: with {@code similarities}, adds kNN features (embedding similarity
     *                     of the compound to the disease's treating compounds in this graph variant, and of the
     *                     disease to the compound's treated diseases)
     * @param similarities cosine similarities of the embeddings, or null for no embedding kNN features
     * @param neighbours   similarities from the other edge types, or null for no {@value #KNN} features
     */
    FeatureSpace(HetGraph g, int sourceKind, int targetKind, List<Metapath> metapaths, Map<String, float[]> dwpcValues,
                 double[] scales, Embeddings embeddings, String treatsType, Similarities similarities,
                 NeighbourSimilarity neighbours) {
        this.sourceCount = g.count(sourceKind);
        this.targetCount = g.count(targetKind);
        this.metapaths = List.copyOf(metapaths);
        this.sourceIds = g.ids[sourceKind];
        this.targetIds = g.ids[targetKind];
        this.embeddings = embeddings;
        List<Integer> kinds = new ArrayList<>();
        List<Integer> args = new ArrayList<>();
        this.scales = new double[metapaths.size()];
        for (int m = 0; m < metapaths.size(); m++) {
            float[] v = dwpcValues.get(metapaths.get(m).name());
            if (v == null) {
                throw new IllegalArgumentException("no DWPC values for metapath " + metapaths.get(m).name());
            }
            dwpc.add(v);
            double scale;
            if (scales != null) {
                scale = scales[m];
            } else {
                double sum = 0;
                for (float x : v) {
                    sum += x;
                }
                scale = sum > 0 ? sum / v.length : 1;
            }
            this.scales[m] = scale;
            names.add(DWPC + metapaths.get(m).name());
            kinds.add(0);
            args.add(m);
        }
        // degrees: every edge type touching the source or target kind, in the graph's (sorted) order
        for (int side = 0; side < 2; side++) {
            int k = side == 0 ? sourceKind : targetKind;
            for (HetGraph.EdgeType e : g.edgeTypes) {
                if (e.source != k && e.target != k) {
                    continue;
                }
                HetGraph.Csr csr = e.csr(e.source == k);
                int[] deg = new int[g.count(k)];
                for (int i = 0; i < deg.length; i++) {
                    deg[i] = csr.degree(i);
                }
                String name = DEGREE + g.kinds.get(k) + ":" + e.type + (e.source == k ? ">" : "<");
                if (names.contains(name)) {
                    continue;
                }
                names.add(name);
                kinds.add(1 + side);
                args.add(degrees.size());
                degrees.add(deg);
            }
        }
        for (int j = 0; j < embeddings.dimension(); j++) {
            names.add(EMBEDDING + "hadamard" + j);
            kinds.add(3);
            args.add(j);
        }
        sourceNorm = norms(embeddings.sources());
        targetNorm = norms(embeddings.targets());
        if (embeddings.dimension() > 0) {
            names.add(EMBEDDING + "cosine");
            kinds.add(4);
            args.add(0);
            names.add(EMBEDDING + "l2");
            kinds.add(5);
            args.add(0);
        }
        HetGraph.EdgeType treats = null;
        if (treatsType != null) {
            for (HetGraph.EdgeType e : g.edgeTypes) {
                if (e.type.equals(treatsType) && e.source == sourceKind && e.target == targetKind) {
                    treats = e;
                }
            }
        }
        this.similarities = treats == null ? null : similarities;
        this.neighbours = treats == null ? null : neighbours;
        this.treatsForward = treats == null ? null : treats.csr(true);
        this.treatsBackward = treats == null ? null : treats.csr(false);
        if (this.similarities != null) {
            String[] knn = {"knn-source-max", "knn-source-mean", "knn-target-max", "knn-target-mean"};
            for (int i = 0; i < knn.length; i++) {
                names.add(EMBEDDING + knn[i]);
                kinds.add(6 + i);
                args.add(0);
            }
        }
        if (this.neighbours != null) {
            // per similarity: the most similar / summed similarity of the other treating compounds (source
            // side) or of the other treated diseases (target side)
            for (int side = 0; side < 2; side++) {
                List<String> types = side == 0 ? neighbours.sourceTypes() : neighbours.targetTypes();
                String label = g.kinds.get(side == 0 ? sourceKind : targetKind);
                for (int i = 0; i < types.size(); i++) {
                    names.add(KNN + label + ":" + types.get(i) + ":max");
                    kinds.add(10 + 2 * side);
                    args.add(i);
                    names.add(KNN + label + ":" + types.get(i) + ":sum");
                    kinds.add(11 + 2 * side);
                    args.add(i);
                }
            }
            // a similar compound treats a similar disease (paths of length 3 to 5 through one treats edge)
            float[][] jac = NeighbourSimilarity.pairScores(neighbours.sourceMean(), sourceCount,
                    neighbours.targetMean(), targetCount, treatsForward);
            addPairScores("jaccard", jac, names, kinds, args);
            if (this.similarities != null) {
                float[][] emb = NeighbourSimilarity.pairScores(NeighbourSimilarity.flat(similarities.sources()),
                        sourceCount, NeighbourSimilarity.flat(similarities.targets()), targetCount, treatsForward);
                addPairScores("embedding", emb, names, kinds, args);
            }
        }
        this.kind = kinds.stream().mapToInt(Integer::intValue).toArray();
        this.arg = args.stream().mapToInt(Integer::intValue).toArray();
    }

    private void addPairScores(String name, float[][] scores, List<String> names, List<Integer> kinds,
                               List<Integer> args) {
        String[] agg = {"max", "sum"};
        for (int i = 0; i < 2; i++) {
            names.add(KNN + "pair:" + name + ":" + agg[i]);
            kinds.add(14);
            args.add(pairScores.size());
            pairScores.add(scores[i]);
        }
    }

    private static double[] norms(float[][] vectors) {
        double[] out = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            double s = 0;
            for (float x : vectors[i]) {
                s += (double) x * x;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    List<String> names() {
        return List.copyOf(names);
    }

    int size() {
        return names.size();
    }

    double[] scales() {
        return scales.clone();
    }

    Embeddings embeddings() {
        return embeddings;
    }

    /** Raw DWPC (before transform) of metapath index m for a pair. */
    double rawDwpc(int m, int s, int t) {
        return dwpc.get(m)[s * targetCount + t];
    }

    /** The recipe of a derived feature, or null for a base feature. */
    DerivedFeatures.Op derivedOp(int feature) {
        return kind[feature] == 15 ? derived.get(arg[feature]) : null;
    }

    /**
     * Fills rows of the features {@code sel} (space indexes, in model order) for one pair at a time. A derived
     * feature whose base features come earlier in {@code sel} is computed from their values in the same row
     * (the same arithmetic as {@link #value}, without computing the base features again: a product of two
     * kNN features would otherwise compute both aggregates again).
     */
    RowFiller rowFiller(int[] sel) {
        return new RowFiller(this, sel);
    }

    static final class RowFiller {
        private final FeatureSpace space;
        private final int[] sel;
        private final DerivedFeatures.Op[] ops; // over positions in sel, or null: computed by value()

        private RowFiller(FeatureSpace space, int[] sel) {
            this.space = space;
            this.sel = sel.clone();
            this.ops = new DerivedFeatures.Op[sel.length];
            java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < sel.length; i++) {
                position.put(sel[i], i);
            }
            for (int i = 0; i < sel.length; i++) {
                DerivedFeatures.Op op = space.derivedOp(sel[i]);
                Integer a = op == null ? null : position.get(op.a());
                Integer b = op == null ? null : position.get(op.b());
                if (a != null && b != null && a < i && b < i) {
                    ops[i] = new DerivedFeatures.Op(op.kind(), a, b, op.knot());
                }
            }
        }

        /** The unstandardised values of the features for the pair (s, t), into {@code row} (length of sel). */
        void fill(int s, int t, double[] row) {
            for (int i = 0; i < sel.length; i++) {
                row[i] = ops[i] == null ? space.value(sel[i], s, t) : ops[i].apply(row);
            }
        }
    }

    /** Metapath index of a DWPC feature, or -1. */
    int metapathOf(int feature) {
        return kind[feature] == 0 ? arg[feature] : -1;
    }

    double scale(int m) {
        return scales[m];
    }

    /** The (unstandardised) value of feature f for the pair (s, t). */
    double value(int f, int s, int t) {
        switch (kind[f]) {
            case 0: {
                int m = arg[f];
                return asinh(dwpc.get(m)[s * targetCount + t] / scales[m]);
            }
            case 1:
                return Math.log1p(degrees.get(arg[f])[s]);
            case 2:
                return Math.log1p(degrees.get(arg[f])[t]);
            case 3:
                return (double) embeddings.sources()[s][arg[f]] * embeddings.targets()[t][arg[f]];
            case 4: {
                double dot = 0;
                float[] a = embeddings.sources()[s];
                float[] b = embeddings.targets()[t];
                for (int j = 0; j < a.length; j++) {
                    dot += (double) a[j] * b[j];
                }
                double n = sourceNorm[s] * targetNorm[t];
                return n == 0 ? 0 : dot / n;
            }
            case 5: {
                double d = 0;
                float[] a = embeddings.sources()[s];
                float[] b = embeddings.targets()[t];
                for (int j = 0; j < a.length; j++) {
                    double x = (double) a[j] - b[j];
                    d += x * x;
                }
                return Math.sqrt(d);
            }
            case 6:
            case 7: {
                // the compound's similarity to the other compounds that treat this disease
                float[] sim = similarities.sources()[s];
                double max = 0;
                double sum = 0;
                int n = 0;
                for (int i = treatsBackward.rowPtr()[t]; i < treatsBackward.rowPtr()[t + 1]; i++) {
                    int o = treatsBackward.col()[i];
                    if (o != s) {
                        max = Math.max(max, sim[o]);
                        sum += sim[o];
                        n++;
                    }
                }
                return kind[f] == 6 ? max : n == 0 ? 0 : sum / n;
            }
            case 8:
            case 9: {
                // the disease's similarity to the other diseases this compound treats
                float[] sim = similarities.targets()[t];
                double max = 0;
                double sum = 0;
                int n = 0;
                for (int i = treatsForward.rowPtr()[s]; i < treatsForward.rowPtr()[s + 1]; i++) {
                    int o = treatsForward.col()[i];
                    if (o != t) {
                        max = Math.max(max, sim[o]);
                        sum += sim[o];
                        n++;
                    }
                }
                return kind[f] == 8 ? max : n == 0 ? 0 : sum / n;
            }
            case 10:
            case 11:
                // the compound's similarity to the other compounds that treat this disease
                return aggregate(neighbours.sources().get(arg[f]), s * sourceCount, treatsBackward, t, s,
                        kind[f] == 10);
            case 12:
            case 13:
                // the disease's similarity to the other diseases this compound treats
                return aggregate(neighbours.targets().get(arg[f]), t * targetCount, treatsForward, s, t,
                        kind[f] == 12);
            case 14:
                return pairScores.get(arg[f])[s * targetCount + t];
            case 15: {
                DerivedFeatures.Op op = derived.get(arg[f]);
                double x = value(op.a(), s, t);
                return op.apply(x, op.b() == op.a() ? x : value(op.b(), s, t));
            }
            default:
                throw new IllegalStateException("feature kind " + kind[f]);
        }
    }

    /** Max (or sum) of {@code sim[row + o]} over the neighbours o of {@code node} in {@code csr}, except {@code self}. */
    private static double aggregate(float[] sim, int row, HetGraph.Csr csr, int node, int self, boolean max) {
        double best = 0;
        double sum = 0;
        for (int i = csr.rowPtr()[node]; i < csr.rowPtr()[node + 1]; i++) {
            int o = csr.col()[i];
            if (o != self) {
                best = Math.max(best, sim[row + o]);
                sum += sim[row + o];
            }
        }
        return max ? best : sum;
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** Rows of the given features for the given pairs. */
    double[][] rows(int[] features, int[] sources, int[] targets) {
        double[][] out = new double[sources.length][features.length];
        RowFiller filler = rowFiller(features);
        for (int i = 0; i < sources.length; i++) {
            filler.fill(sources[i], targets[i], out[i]);
        }
        return out;
    }

    /** Indexes of the features whose names start with any of the prefixes. */
    int[] select(List<String> prefixes) {
        List<Integer> out = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            for (String p : prefixes) {
                if (names.get(f).startsWith(p)) {
                    out.add(f);
                    break;
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Adds a {@link DerivedFeatures derived feature} of this space's features by its name (no-op if present)
     * and returns its index. Not safe against concurrent reads: register before scoring.
     */
    synchronized int derive(String name) {
        int at = names.indexOf(name);
        if (at >= 0) {
            return at;
        }
        derived.add(DerivedFeatures.parse(name, names::indexOf));
        names.add(name);
        kind = java.util.Arrays.copyOf(kind, kind.length + 1);
        arg = java.util.Arrays.copyOf(arg, arg.length + 1);
        kind[kind.length - 1] = 15;
        arg[arg.length - 1] = derived.size() - 1;
        return names.size() - 1;
    }

    /** Indexes of the named features, in the given order (derived ones are added); fails on an unknown name. */
    int[] indexes(List<String> featureNames) {
        for (String n : featureNames) {
            if (DerivedFeatures.isDerived(n)) {
                derive(n);
            }
        }
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int f = 0; f < names.size(); f++) {
            pos.put(names.get(f), f);
        }
        int[] out = new int[featureNames.size()];
        for (int i = 0; i < out.length; i++) {
            Integer p = pos.get(featureNames.get(i));
            if (p == null) {
                throw new IllegalArgumentException("feature " + featureNames.get(i) + " not available on this graph");
            }
            out[i] = p;
        }
        return out;
    }
}
