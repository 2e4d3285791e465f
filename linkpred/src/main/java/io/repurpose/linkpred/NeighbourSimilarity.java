package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Similarities among the source nodes (compounds) and among the target nodes (diseases) from the graph's
 * other edge types, for "guilt by association" features: a compound resembles the compounds that treat
 * the disease, a disease resembles the diseases the compound treats. Per edge type touching the kind
 * (never the treats type): Jaccard similarity of the two nodes' neighbour sets along that type, or, for a
 * same-kind type ({@code CrC}, {@code DrD}), 1 for adjacent nodes. Computed once per graph; none of them
 * reads a treats edge, so every fold may share them.
 *
 * @param sourceTypes names of the source similarities (e.g. {@code BINDS_CbG})
 * @param sources     per type, a row-major {@code n × n} matrix over source nodes
 * @param targetTypes names of the target similarities
 * @param targets     per type, a row-major {@code m × m} matrix over target nodes
 * @param sourceMean  the mean of the source similarities
 * @param targetMean  the mean of the target similarities
 */
record NeighbourSimilarity(List<String> sourceTypes, List<float[]> sources, List<String> targetTypes,
                           List<float[]> targets, float[] sourceMean, float[] targetMean) {

    /** The mean of the source (or target) similarities: one overall similarity per side. */
    static float[] mean(List<float[]> sims) {
        float[] out = new float[sims.isEmpty() ? 0 : sims.get(0).length];
        for (float[] m : sims) {
            for (int i = 0; i < out.length; i++) {
                out[i] += m[i] / sims.size();
            }
        }
        return out;
    }

    /**
     * "A similar compound treats a similar disease": for every pair (c, d), the maximum and the sum over the
     * treats edges (c', d') with c' != c and d' != d of {@code sc[c, c'] * sd[d, d']} (negative similarities
     * count as 0). Row-major {@code ns × nt}; {@code [0]} max, {@code [1]} sum.
     */
    static float[][] pairScores(float[] sc, int ns, float[] sd, int nt, HetGraph.Csr treats) {
        float[] max = new float[ns * nt];
        float[] sum = new float[ns * nt];
        IntStream.range(0, ns).parallel().forEach(c -> {
            int row = c * nt;
            for (int c2 = 0; c2 < ns; c2++) {
                float a = sc[c * ns + c2];
                if (c2 == c || !(a > 0)) {
                    continue;
                }
                for (int i = treats.rowPtr()[c2]; i < treats.rowPtr()[c2 + 1]; i++) {
                    int d2 = treats.col()[i];
                    int srow = d2 * nt;
                    for (int d = 0; d < nt; d++) {
                        float b = sd[srow + d];
                        if (d == d2 || !(b > 0)) {
                            continue;
                        }
                        float v = a * b;
                        sum[row + d] += v;
                        if (v > max[row + d]) {
                            max[row + d] = v;
                        }
                    }
                }
            }
        });
        return new float[][]{max, sum};
    }

    /** Cosine similarities of embedding vectors as one row-major matrix. */
    static float[] flat(float[][] m) {
        int n = m.length;
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, out, i * n, n);
        }
        return out;
    }

    static NeighbourSimilarity of(HetGraph g, int sourceKind, int targetKind, String treatsType) {
        List<String> st = new ArrayList<>();
        List<float[]> s = new ArrayList<>();
        List<String> tt = new ArrayList<>();
        List<float[]> t = new ArrayList<>();
        for (HetGraph.EdgeType e : g.edgeTypes) {
            if (e.type.equals(treatsType) || e.size() == 0) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                int kind = side == 0 ? sourceKind : targetKind;
                if (e.source != kind && e.target != kind) {
                    continue;
                }
                // a type between the source and the target kind (e.g. palliates) counts on both sides
                float[] m = e.source == e.target ? adjacency(e.csr(true), g.count(kind))
                        : jaccard(e.csr(e.source == kind), g.count(kind));
                String name = e.type + (e.source == e.target ? "" : e.source == kind ? ">" : "<");
                (side == 0 ? st : tt).add(name);
                (side == 0 ? s : t).add(m);
            }
        }
        return new NeighbourSimilarity(st, s, tt, t, mean(s), mean(t));
    }

    private static float[] adjacency(HetGraph.Csr a, int n) {
        float[] out = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int i = a.rowPtr()[r]; i < a.rowPtr()[r + 1]; i++) {
                out[r * n + a.col()[i]] = 1f;
            }
        }
        return out;
    }

    /** Jaccard similarity of the rows of {@code a} (n rows): shared neighbours over the union. */
    private static float[] jaccard(HetGraph.Csr a, int n) {
        // transpose: for each neighbour, the rows that reach it
        int[] cnt = new int[a.cols() + 1];
        for (int i = 0; i < a.nnz(); i++) {
            cnt[a.col()[i] + 1]++;
        }
        for (int c = 0; c < a.cols(); c++) {
            cnt[c + 1] += cnt[c];
        }
        int[] fill = cnt.clone();
        int[] rows = new int[(int) a.nnz()];
        for (int r = 0; r < n; r++) {
            for (int i = a.rowPtr()[r]; i < a.rowPtr()[r + 1]; i++) {
                rows[fill[a.col()[i]]++] = r;
            }
        }
        float[] out = new float[n * n];
        IntStream.range(0, n).parallel().forEach(r -> {
            int[] shared = new int[n];
            for (int i = a.rowPtr()[r]; i < a.rowPtr()[r + 1]; i++) {
                int c = a.col()[i];
                for (int j = cnt[c]; j < cnt[c + 1]; j++) {
                    shared[rows[j]]++;
                }
            }
            int dr = a.degree(r);
            for (int o = 0; o < n; o++) {
                if (shared[o] > 0 && o != r) {
                    out[r * n + o] = (float) shared[o] / (dr + a.degree(o) - shared[o]);
                }
            }
        });
        return out;
    }
}
