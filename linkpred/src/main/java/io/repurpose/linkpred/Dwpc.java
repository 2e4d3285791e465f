package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Degree-weighted path counts (Himmelstein &amp; Baranzini 2015; Himmelstein et al., eLife 2017) for every
 * source–target pair at once, by sparse matrix products. Each step of a metapath is the adjacency matrix
 * A of its edge type with entries weighted by {@code deg_row^-w * deg_col^-w}; the DWPC matrix is the
 * product of the step matrices, minus the walks that revisit a node (paths must be node-distinct), which
 * for length 3 are removed exactly by inclusion–exclusion over the diagonal terms. Products run right to
 * left against dense (rows × targets) blocks; metapaths sharing a suffix share its product.
 */
final class Dwpc {
    private final HetGraph graph;
    private final double damping;
    private final int sourceKind;
    private final int targetKind;
    private final int threads;
    private final boolean denseOnly;

    Dwpc(HetGraph graph, double damping, String sourceLabel, String targetLabel, int threads) {
        this(graph, damping, sourceLabel, targetLabel, threads, false);
    }

    /**
     * @param denseOnly every product right to left against dense blocks (the first implementation; kept for
     *                  the benchmark's same-run comparison), instead of choosing the cheaper order per metapath
     */
    Dwpc(HetGraph graph, double damping, String sourceLabel, String targetLabel, int threads, boolean denseOnly) {
        this.denseOnly = denseOnly;
        this.graph = graph;
        this.damping = damping;
        this.sourceKind = graph.kind(sourceLabel);
        this.targetKind = graph.kind(targetLabel);
        this.threads = Math.max(1, threads);
    }

    /** A step matrix: the adjacency read in the step's direction, with its DWPC weights. */
    record Weighted(HetGraph.Csr csr, double[] w) {
        double get(int r, int c) {
            int i = java.util.Arrays.binarySearch(csr.col(), csr.rowPtr()[r], csr.rowPtr()[r + 1], c);
            return i < 0 ? 0 : w[i];
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<Metapath.Step, Weighted> cache =
            new java.util.concurrent.ConcurrentHashMap<>();

    Weighted weighted(Metapath.Step step) {
        return cache.computeIfAbsent(step, this::computeWeighted);
    }

    private Weighted computeWeighted(Metapath.Step step) {
        HetGraph.EdgeType e = step.edgeType(graph);
        if (e == null) {
            throw new IllegalArgumentException("edge type " + step.type() + " missing from the graph");
        }
        return new Weighted(e.csr(step.forward()), e.weights(step.forward(), damping));
    }

    /** DWPC matrices, row-major {@code [source * targets + target]}, keyed by metapath name, in input order. */
    Map<String, float[]> compute(List<Metapath> metapaths) {
        // group by suffix (all steps but the first) so the expensive product is shared
        Map<String, List<Metapath>> groups = new LinkedHashMap<>();
        for (Metapath m : metapaths) {
            String suffix = m.steps().subList(1, m.length()).toString();
            groups.computeIfAbsent(suffix, k -> new ArrayList<>()).add(m);
        }
        Map<String, float[]> result = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, float[]>>> futures = new ArrayList<>();
            for (List<Metapath> group : groups.values()) {
                futures.add(pool.submit(() -> computeGroup(group)));
            }
            Map<String, float[]> all = new LinkedHashMap<>();
            for (Future<Map<String, float[]>> f : futures) {
                all.putAll(f.get());
            }
            for (Metapath m : metapaths) {
                result.put(m.name(), all.get(m.name()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted computing DWPC", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DWPC failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
        return result;
    }

    private Map<String, float[]> computeGroup(List<Metapath> group) {
        Metapath first = group.get(0);
        int nt = graph.count(targetKind);
        List<Metapath.Step> suffix = first.steps().subList(1, first.length());
        double[] block = null; // dense block of the suffix (rows of the suffix's first kind × targets), if needed
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Metapath m : group) {
            Weighted w1 = weighted(m.steps().get(0));
            double[] full;
            if (!denseOnly && m.length() == 2) {
                full = rowWise(w1, weighted(suffix.get(0)), nt);
            } else if (!denseOnly && rowWise(w1, weighted(suffix.get(0)), weighted(suffix.get(1)), nt, group.size())) {
                full = rowWise(w1, weighted(suffix.get(0)), weighted(suffix.get(1)), nt);
            } else {
                if (block == null) {
                    Weighted last = weighted(suffix.get(suffix.size() - 1));
                    block = dense(last, nt);
                    for (int i = suffix.size() - 2; i >= 0; i--) {
                        block = multiply(weighted(suffix.get(i)), block, nt);
                    }
                }
                full = multiply(w1, block, nt);
            }
            if (m.length() == 3) {
                correct(m, w1, full, nt);
            }
            float[] f = new float[full.length];
            for (int i = 0; i < f.length; i++) {
                // inclusion–exclusion can leave rounding residue where no path exists
                f[i] = full[i] > 1e-15 ? (float) full[i] : 0f;
            }
            out.put(m.name(), f);
        }
        return out;
    }

    /**
     * Whether the row-by-row product {@code (W1 W2) W3} is estimated cheaper than the dense right-to-left
     * {@code W1 (W2 W3)}, whose {@code W2 W3} block is shared by the {@code groupSize} metapaths of the group.
     * Row-wise: the flops of {@code W1 W2} plus, per middle node k2, (an upper bound of) the sources reaching
     * it times its {@code W3} degree. Right-to-left: {@code (nnz(W2) / groupSize + nnz(W1)) * targets}.
     */
    private static boolean rowWise(Weighted w1, Weighted w2, Weighted w3, int nt, int groupSize) {
        HetGraph.Csr a = w1.csr();
        HetGraph.Csr b = w2.csr();
        HetGraph.Csr c = w3.csr();
        long[] reach1 = new long[b.rows()]; // sources reaching each k1
        for (int i = 0; i < a.nnz(); i++) {
            reach1[a.col()[i]]++;
        }
        double flops = 0;
        long[] reach2 = new long[c.rows()];
        for (int k1 = 0; k1 < b.rows(); k1++) {
            if (reach1[k1] == 0) {
                continue;
            }
            flops += (double) reach1[k1] * b.degree(k1);
            for (int i = b.rowPtr()[k1]; i < b.rowPtr()[k1 + 1]; i++) {
                reach2[b.col()[i]] += reach1[k1];
            }
        }
        for (int k2 = 0; k2 < c.rows(); k2++) {
            flops += (double) Math.min(reach2[k2], a.rows()) * c.degree(k2);
        }
        double dense = ((double) b.nnz() / groupSize + a.nnz()) * nt;
        return flops < dense;
    }

    /** {@code W1 W2} row by row (sparse × sparse into a dense row). */
    private static double[] rowWise(Weighted w1, Weighted w2, int nt) {
        HetGraph.Csr a = w1.csr();
        HetGraph.Csr b = w2.csr();
        double[] out = new double[a.rows() * nt];
        for (int r = 0; r < a.rows(); r++) {
            int base = r * nt;
            for (int i = a.rowPtr()[r]; i < a.rowPtr()[r + 1]; i++) {
                double v = w1.w()[i];
                int k = a.col()[i];
                for (int j = b.rowPtr()[k]; j < b.rowPtr()[k + 1]; j++) {
                    out[base + b.col()[j]] += v * w2.w()[j];
                }
            }
        }
        return out;
    }

    /** {@code (W1 W2) W3} row by row: a sparse accumulator over the middle kind, then into a dense row. */
    private static double[] rowWise(Weighted w1, Weighted w2, Weighted w3, int nt) {
        HetGraph.Csr a = w1.csr();
        HetGraph.Csr b = w2.csr();
        HetGraph.Csr c = w3.csr();
        double[] out = new double[a.rows() * nt];
        double[] acc = new double[c.rows()];
        int[] touched = new int[c.rows()];
        boolean[] seen = new boolean[c.rows()];
        int[] ap = a.rowPtr();
        int[] ac = a.col();
        double[] av = w1.w();
        int[] bp = b.rowPtr();
        int[] bc = b.col();
        double[] bv = w2.w();
        int[] cp = c.rowPtr();
        int[] cc = c.col();
        double[] cv = w3.w();
        for (int r = 0; r < a.rows(); r++) {
            int n = 0;
            for (int i = ap[r]; i < ap[r + 1]; i++) {
                double v = av[i];
                int k1 = ac[i];
                for (int j = bp[k1]; j < bp[k1 + 1]; j++) {
                    int k2 = bc[j];
                    if (!seen[k2]) {
                        seen[k2] = true;
                        touched[n++] = k2;
                    }
                    acc[k2] += v * bv[j];
                }
            }
            int base = r * nt;
            for (int t = 0; t < n; t++) {
                int k2 = touched[t];
                double v = acc[k2];
                acc[k2] = 0;
                seen[k2] = false;
                for (int l = cp[k2]; l < cp[k2 + 1]; l++) {
                    out[base + cc[l]] += v * cv[l];
                }
            }
        }
        return out;
    }

    /** Removes walks n0-n1-n2-n3 with n0 == n2 or n1 == n3 (inclusion–exclusion). */
    private void correct(Metapath m, Weighted w1, double[] full, int nt) {
        List<Metapath.Step> s = m.steps();
        int k2 = graph.kind(s.get(1).to());
        int k1 = graph.kind(s.get(0).to());
        boolean zeroTwo = k2 == sourceKind;
        boolean oneThree = k1 == targetKind;
        if (!zeroTwo && !oneThree) {
            return;
        }
        Weighted w2 = weighted(s.get(1));
        Weighted w3 = weighted(s.get(2));
        int ns = graph.count(sourceKind);
        if (zeroTwo) {
            // diag(W1 W2)[c] * W3[c, d]
            for (int c = 0; c < ns; c++) {
                double diag = 0;
                HetGraph.Csr a = w1.csr();
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    diag += w1.w()[i] * w2.get(a.col()[i], c);
                }
                if (diag == 0) {
                    continue;
                }
                HetGraph.Csr b = w3.csr();
                for (int i = b.rowPtr()[c]; i < b.rowPtr()[c + 1]; i++) {
                    full[c * nt + b.col()[i]] -= diag * w3.w()[i];
                }
            }
        }
        if (oneThree) {
            // W1[c, d] * diag(W2 W3)[d]
            int nd = graph.count(targetKind);
            double[] diag = new double[nd];
            HetGraph.Csr b = w2.csr();
            for (int d = 0; d < nd; d++) {
                for (int i = b.rowPtr()[d]; i < b.rowPtr()[d + 1]; i++) {
                    diag[d] += w2.w()[i] * w3.get(b.col()[i], d);
                }
            }
            HetGraph.Csr a = w1.csr();
            for (int c = 0; c < a.rows(); c++) {
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    int d = a.col()[i];
                    full[c * nt + d] -= w1.w()[i] * diag[d];
                }
            }
        }
        if (zeroTwo && oneThree) {
            // walks with n0 == n2 and n1 == n3 were subtracted twice: W1[c,d] W2[d,c] W3[c,d]
            HetGraph.Csr a = w1.csr();
            for (int c = 0; c < a.rows(); c++) {
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    int d = a.col()[i];
                    full[c * nt + d] += w1.w()[i] * w2.get(d, c) * w3.get(c, d);
                }
            }
        }
    }

    private static double[] dense(Weighted w, int cols) {
        HetGraph.Csr a = w.csr();
        double[] out = new double[a.rows() * cols];
        for (int r = 0; r < a.rows(); r++) {
            for (int i = a.rowPtr()[r]; i < a.rowPtr()[r + 1]; i++) {
                out[r * cols + a.col()[i]] = w.w()[i];
            }
        }
        return out;
    }

    /** Sparse (rows × k) times dense (k × cols). */
    private static double[] multiply(Weighted w, double[] right, int cols) {
        HetGraph.Csr a = w.csr();
        double[] out = new double[a.rows() * cols];
        int[] ptr = a.rowPtr();
        int[] col = a.col();
        double[] val = w.w();
        for (int r = 0; r < a.rows(); r++) {
            int base = r * cols;
            for (int i = ptr[r]; i < ptr[r + 1]; i++) {
                double v = val[i];
                int rb = col[i] * cols;
                for (int j = 0; j < cols; j++) {
                    out[base + j] += v * right[rb + j];
                }
            }
        }
        return out;
    }

    /** One concrete path instance with its path-degree product. */
    record PathInstance(int[] kinds, int[] nodes, double pdp) {
    }

    /** The node-distinct paths of a metapath between one source and one target, with their PDPs. */
    List<PathInstance> paths(Metapath m, int source, int target) {
        List<Weighted> ws = new ArrayList<>();
        int[] kinds = new int[m.length() + 1];
        kinds[0] = graph.kind(m.steps().get(0).from());
        for (int i = 0; i < m.length(); i++) {
            ws.add(weighted(m.steps().get(i)));
            kinds[i + 1] = graph.kind(m.steps().get(i).to());
        }
        List<PathInstance> out = new ArrayList<>();
        int[] nodes = new int[m.length() + 1];
        nodes[0] = source;
        walk(ws, kinds, nodes, 0, 1.0, target, out);
        return out;
    }

    private static void walk(List<Weighted> ws, int[] kinds, int[] nodes, int depth, double pdp, int target,
                             List<PathInstance> out) {
        Weighted w = ws.get(depth);
        int at = nodes[depth];
        if (depth == ws.size() - 1) {
            double last = w.get(at, target);
            if (last != 0 && distinct(kinds, nodes, depth + 1, target)) {
                int[] n = nodes.clone();
                n[depth + 1] = target;
                out.add(new PathInstance(kinds, n, pdp * last));
            }
            return;
        }
        HetGraph.Csr a = w.csr();
        for (int i = a.rowPtr()[at]; i < a.rowPtr()[at + 1]; i++) {
            int next = a.col()[i];
            if (!distinct(kinds, nodes, depth + 1, next)) {
                continue;
            }
            nodes[depth + 1] = next;
            walk(ws, kinds, nodes, depth + 1, pdp * w.w()[i], target, out);
        }
    }

    private static boolean distinct(int[] kinds, int[] nodes, int upto, int candidate) {
        for (int i = 0; i < upto; i++) {
            if (kinds[i] == kinds[upto] && nodes[i] == candidate) {
                return false;
            }
        }
        return true;
    }
}
