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
 * left: metapaths sharing a suffix share its product {@code W2 W3}, kept as sparse rows over the targets.
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

    /**
     * The group's metapaths, one source row at a time into a reused dense row of targets, node-revisiting
     * walks removed per row, written straight into the float result (no full double matrix per metapath).
     * By default each source row is {@code W1[r,:] · S} against the group's shared suffix product
     * {@code S = W2 (W3)} kept as sparse rows over the targets (session 6: the suffix's node-to-target sums are
     * formed once per group instead of once per source row and metapath, and no dense gene × target block is
     * allocated); {@code denseOnly} uses a dense suffix block instead (session 1, for the benchmark).
     */
    private Map<String, float[]> computeGroup(List<Metapath> group) {
        Metapath first = group.get(0);
        int nt = graph.count(targetKind);
        List<Metapath.Step> suffix = first.steps().subList(1, first.length());
        double[] block = null; // dense block of the suffix (rows of the suffix's first kind × targets), denseOnly
        SparseRows s = null;
        if (denseOnly) {
            Weighted last = weighted(suffix.get(suffix.size() - 1));
            block = dense(last, nt);
            for (int i = suffix.size() - 2; i >= 0; i--) {
                block = multiply(weighted(suffix.get(i)), block, nt);
            }
        } else {
            boolean[] needed = null; // rows of the suffix product that some first step of the group reaches
            if (suffix.size() == 2) {
                needed = new boolean[weighted(suffix.get(0)).csr().rows()];
                for (Metapath m : group) {
                    for (int k : weighted(m.steps().get(0)).csr().col()) {
                        needed[k] = true;
                    }
                }
            }
            s = suffix.size() == 1 ? SparseRows.of(weighted(suffix.get(0)))
                    : SparseRows.product(weighted(suffix.get(0)), weighted(suffix.get(1)), nt, needed);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        double[] row = new double[nt];
        for (Metapath m : group) {
            Weighted w1 = weighted(m.steps().get(0));
            Correction fix = m.length() == 3 ? correction(m, w1, weighted(suffix.get(0)), weighted(suffix.get(1)))
                    : null;
            HetGraph.Csr a = w1.csr();
            int[] ap = a.rowPtr();
            int[] ac = a.col();
            double[] av = w1.w();
            float[] f = new float[a.rows() * nt];
            for (int r = 0; r < a.rows(); r++) {
                if (ap[r] == ap[r + 1]) {
                    continue; // no first step: no path
                }
                java.util.Arrays.fill(row, 0);
                if (s != null) {
                    int[] sp = s.ptr;
                    int[] sc = s.col;
                    double[] sv = s.val;
                    for (int i = ap[r]; i < ap[r + 1]; i++) {
                        double v = av[i];
                        int k = ac[i];
                        for (int j = sp[k]; j < sp[k + 1]; j++) {
                            row[sc[j]] += v * sv[j];
                        }
                    }
                } else {
                    for (int i = ap[r]; i < ap[r + 1]; i++) {
                        double v = av[i];
                        int rb = ac[i] * nt;
                        for (int j = 0; j < nt; j++) {
                            row[j] += v * block[rb + j];
                        }
                    }
                }
                if (fix != null) {
                    fix.apply(r, row);
                }
                int base = r * nt;
                for (int j = 0; j < nt; j++) {
                    // inclusion–exclusion can leave rounding residue where no path exists
                    f[base + j] = row[j] > 1e-15 ? (float) row[j] : 0f;
                }
            }
            out.put(m.name(), f);
        }
        return out;
    }

    /** A sparse matrix by rows (columns = targets), e.g. a suffix product {@code W2 W3}. */
    static final class SparseRows {
        final int[] ptr;
        final int[] col;
        final double[] val;

        private SparseRows(int[] ptr, int[] col, double[] val) {
            this.ptr = ptr;
            this.col = col;
            this.val = val;
        }

        /** The step matrix itself (its columns are the targets). */
        static SparseRows of(Weighted w) {
            return new SparseRows(w.csr().rowPtr(), w.csr().col(), w.w());
        }

        /**
         * {@code W2 W3} by rows of W2: per row a dense accumulator over the {@code nt} targets and the list of
         * targets touched (columns in order of first touch; each value summed over W2's row in column order).
         * Rows {@code k} with {@code !needed[k]} are left empty (no first step of the group reaches them).
         */
        static SparseRows product(Weighted w2, Weighted w3, int nt, boolean[] needed) {
            int[] bp = w2.csr().rowPtr();
            int[] bc = w2.csr().col();
            double[] bv = w2.w();
            int[] cp = w3.csr().rowPtr();
            int[] cc = w3.csr().col();
            double[] cv = w3.w();
            int n = w2.csr().rows();
            int[] ptr = new int[n + 1];
            int[] col = new int[Math.max(16, n)];
            double[] val = new double[col.length];
            double[] acc = new double[nt];
            boolean[] seen = new boolean[nt];
            int[] touched = new int[nt];
            int w = 0;
            for (int k1 = 0; k1 < n; k1++) {
                int t = 0;
                int end = needed[k1] ? bp[k1 + 1] : bp[k1];
                for (int j = bp[k1]; j < end; j++) {
                    int k2 = bc[j];
                    double v = bv[j];
                    for (int l = cp[k2]; l < cp[k2 + 1]; l++) {
                        int d = cc[l];
                        if (!seen[d]) {
                            seen[d] = true;
                            touched[t++] = d;
                        }
                        acc[d] += v * cv[l];
                    }
                }
                if (w + t > col.length) {
                    int size = Math.max(w + t, col.length * 2);
                    col = java.util.Arrays.copyOf(col, size);
                    val = java.util.Arrays.copyOf(val, size);
                }
                for (int i = 0; i < t; i++) {
                    int d = touched[i];
                    col[w] = d;
                    val[w++] = acc[d];
                    acc[d] = 0;
                    seen[d] = false;
                }
                ptr[k1 + 1] = w;
            }
            return new SparseRows(ptr, col, val);
        }
    }

    /**
     * Removes, per source row, the walks n0-n1-n2-n3 of a length-3 metapath with n0 == n2 or n1 == n3
     * (inclusion–exclusion); null when neither can happen (different kinds).
     */
    private Correction correction(Metapath m, Weighted w1, Weighted w2, Weighted w3) {
        List<Metapath.Step> s = m.steps();
        boolean zeroTwo = graph.kind(s.get(1).to()) == sourceKind;
        boolean oneThree = graph.kind(s.get(0).to()) == targetKind;
        if (!zeroTwo && !oneThree) {
            return null;
        }
        double[] diag23 = null;
        if (oneThree) {
            // diag(W2 W3)[d]
            int nd = graph.count(targetKind);
            diag23 = new double[nd];
            HetGraph.Csr b = w2.csr();
            for (int d = 0; d < nd; d++) {
                for (int i = b.rowPtr()[d]; i < b.rowPtr()[d + 1]; i++) {
                    diag23[d] += w2.w()[i] * w3.get(b.col()[i], d);
                }
            }
        }
        return new Correction(w1, w2, w3, zeroTwo, oneThree, diag23);
    }

    private record Correction(Weighted w1, Weighted w2, Weighted w3, boolean zeroTwo, boolean oneThree,
                              double[] diag23) {
        void apply(int c, double[] row) {
            HetGraph.Csr a = w1.csr();
            if (zeroTwo) {
                // diag(W1 W2)[c] * W3[c, d]
                double diag = 0;
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    diag += w1.w()[i] * w2.get(a.col()[i], c);
                }
                if (diag != 0) {
                    HetGraph.Csr b = w3.csr();
                    for (int i = b.rowPtr()[c]; i < b.rowPtr()[c + 1]; i++) {
                        row[b.col()[i]] -= diag * w3.w()[i];
                    }
                }
            }
            if (oneThree) {
                // W1[c, d] * diag(W2 W3)[d]
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    row[a.col()[i]] -= w1.w()[i] * diag23[a.col()[i]];
                }
            }
            if (zeroTwo && oneThree) {
                // walks with n0 == n2 and n1 == n3 were subtracted twice: W1[c,d] W2[d,c] W3[c,d]
                for (int i = a.rowPtr()[c]; i < a.rowPtr()[c + 1]; i++) {
                    int d = a.col()[i];
                    row[d] += w1.w()[i] * w2.get(d, c) * w3.get(c, d);
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

    /** Receives each path of an enumeration; {@code nodes} is reused between calls (copy what you keep). */
    @FunctionalInterface
    interface PathSink {
        void path(int[] nodes, double pdp);
    }

    /**
     * A metapath resolved against this graph: its step matrices, node kinds, its last step seen from the target
     * side (the same weights: a step's weight {@code deg(row)^-w·deg(col)^-w} does not depend on the orientation,
     * and the product is commutative, so bit for bit), so that path enumeration looks the last edge up by the
     * target's row, not by a binary search per candidate, and (length 3) its middle step seen from the target
     * side, for enumerating from the target when that side is cheaper, with the work of either side per node:
     * {@code fromSource[s]} the middle step's degrees summed over the source's neighbours, {@code fromTarget[t]}
     * over the target's.
     */
    record Steps(Weighted[] weighted, int[] kinds, Weighted lastReversed, Weighted middleReversed, long[] fromSource,
                 long[] fromTarget) {
    }

    /** Which side a length-3 enumeration walks from (tests force one; explanations choose per pair). */
    enum Direction { CHEAPER, SOURCE, TARGET }

    /** Per thread: weight of the last edge from each node of the next-to-last kind into the current target. */
    private static final ThreadLocal<double[]> TO_TARGET = ThreadLocal.withInitial(() -> new double[0]);

    /** Per thread: scratch of the enumeration from the target side (see {@link #fromTarget}). */
    private static final ThreadLocal<Backward> BACKWARD = ThreadLocal.withInitial(Backward::new);

    private static final class Backward {
        /** Per node of the first middle kind: 1 + its position in the source's row, 0 when not adjacent. */
        int[] position = new int[0];
        /** Per position in the source's row: first and last path found through it, -1 when none. */
        int[] head = new int[0];
        int[] tail = new int[0];
        /** Per path found: its second middle node, its PDP and the next path through the same first middle node. */
        int[] n2 = new int[0];
        double[] pdp = new double[0];
        int[] next = new int[0];
    }

    private final java.util.concurrent.ConcurrentHashMap<Metapath, Steps> steps =
            new java.util.concurrent.ConcurrentHashMap<>();

    Steps steps(Metapath m) {
        return steps.computeIfAbsent(m, x -> {
            Weighted[] ws = new Weighted[x.length()];
            int[] kinds = new int[x.length() + 1];
            kinds[0] = graph.kind(x.steps().get(0).from());
            for (int i = 0; i < x.length(); i++) {
                ws[i] = weighted(x.steps().get(i));
                kinds[i + 1] = graph.kind(x.steps().get(i).to());
            }
            if (x.length() > 3) {
                throw new IllegalArgumentException("metapaths of length 1-3 only: " + x.name());
            }
            Weighted lastReversed = weighted(reversed(x.steps().get(x.length() - 1)));
            if (x.length() < 3) {
                return new Steps(ws, kinds, lastReversed, null, null, null);
            }
            Weighted middleReversed = weighted(reversed(x.steps().get(1)));
            return new Steps(ws, kinds, lastReversed, middleReversed, degreeSums(ws[0].csr(), ws[1].csr()),
                    degreeSums(lastReversed.csr(), middleReversed.csr()));
        });
    }

    /** Per row r of {@code a}: the degrees in {@code b} of r's neighbours, summed. */
    private static long[] degreeSums(HetGraph.Csr a, HetGraph.Csr b) {
        int[] ap = a.rowPtr();
        int[] ac = a.col();
        int[] bp = b.rowPtr();
        long[] out = new long[a.rows()];
        for (int r = 0; r < out.length; r++) {
            for (int i = ap[r]; i < ap[r + 1]; i++) {
                out[r] += bp[ac[i] + 1] - bp[ac[i]];
            }
        }
        return out;
    }

    /** The metapaths resolved, by index: what an explanation looks up per feature instead of hashing a metapath. */
    Steps[] steps(List<Metapath> metapaths) {
        Steps[] out = new Steps[metapaths.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = steps(metapaths.get(i));
        }
        return out;
    }

    private static Metapath.Step reversed(Metapath.Step s) {
        return new Metapath.Step(s.type(), s.source(), s.target(), !s.forward(), s.label());
    }

    /** The node-distinct paths of a metapath between one source and one target, with their PDPs. */
    List<PathInstance> paths(Metapath m, int source, int target) {
        int[] kinds = steps(m).kinds();
        List<PathInstance> out = new ArrayList<>();
        forEachPath(m, source, target, new int[m.length() + 1], (nodes, pdp) ->
                out.add(new PathInstance(kinds, nodes.clone(), pdp)));
        return out;
    }

    /**
     * Calls {@code sink} for every node-distinct path of {@code m} from {@code source} to {@code target}, in
     * depth-first order from the source (neighbours ascending), without allocating: {@code nodes} (length
     * {@code m.length() + 1}) holds the current path. Returns the number of paths. The sink must not enumerate
     * paths itself (the last-edge weights live in a per-thread scratch array while this runs).
     */
    int forEachPath(Metapath m, int source, int target, int[] nodes, PathSink sink) {
        return forEachPath(steps(m), source, target, nodes, sink, Direction.CHEAPER);
    }

    /**
     * {@link #forEachPath(Metapath, int, int, int[], PathSink)} on a resolved metapath. A length-3 metapath walks
     * from the side with fewer middle edges to look at ({@code direction} CHEAPER: the sum of the middle step's
     * degrees over the source's neighbours against that over the target's): e.g. CbGiGaD from a compound binding
     * 3 genes of a disease associated with 300 looks at the interactions of 3 genes, not of 300. From the target
     * side the paths are put back in the source side's order (per first middle node, in the source's row order;
     * within it, second middle nodes ascending, as both sides find them), so the sink sees the same paths with
     * the same PDPs in the same order either way.
     */
    int forEachPath(Steps st, int source, int target, int[] nodes, PathSink sink, Direction direction) {
        Weighted[] ws = st.weighted();
        int[] kinds = st.kinds();
        nodes[0] = source;
        nodes[ws.length] = target;
        if (ws.length == 1) {
            double w = ws[0].get(source, target);
            if (w != 0 && (kinds[0] != kinds[1] || source != target)) {
                sink.path(nodes, w);
                return 1;
            }
            return 0;
        }
        int last = ws.length;
        if (kinds[0] == kinds[last] && source == target) {
            return 0;
        }
        if (last == 3 && direction != Direction.SOURCE
                && (direction == Direction.TARGET || cheaperFromTarget(st, source, target))) {
            return fromTarget(st, source, target, nodes, sink, false);
        }
        // the last edge's weight from each node into the target, by the target's row of the reversed step
        int[] rp = st.lastReversed().csr().rowPtr();
        int[] rc = st.lastReversed().csr().col();
        double[] rw = st.lastReversed().w();
        double[] toTarget = TO_TARGET.get();
        int before = graph.count(kinds[last - 1]);
        if (toTarget.length < before) {
            toTarget = new double[before];
            TO_TARGET.set(toTarget);
        }
        for (int i = rp[target]; i < rp[target + 1]; i++) {
            toTarget[rc[i]] = rw[i];
        }
        try {
            return enumerate(ws, kinds, source, target, nodes, toTarget, sink);
        } finally {
            for (int i = rp[target]; i < rp[target + 1]; i++) {
                toTarget[rc[i]] = 0;
            }
        }
    }

    /**
     * Whether a length-3 metapath looks at fewer middle edges from the target side: the middle step's degrees
     * summed over the target's neighbours (plus the source's degree: marking its neighbours) against the sum over
     * the source's neighbours, both precomputed per node.
     */
    static boolean cheaperFromTarget(Steps st, int source, int target) {
        int[] ap = st.weighted()[0].csr().rowPtr();
        return ap[source + 1] - ap[source] + st.fromTarget()[target] < st.fromSource()[source];
    }

    /**
     * Length 3 from the target side: marks the source's neighbours n1 with their position in its row, walks
     * the target's neighbours n2 (ascending) and their middle edges back to a marked n1, and appends each path to
     * its n1's list; then hands the lists to the sink in the source's row order, which is the order (and the
     * PDPs, multiplied in the same order) of {@link #enumerate}.
     */
    private int fromTarget(Steps st, int source, int target, int[] nodes, PathSink sink, boolean countOnly) {
        int[] kinds = st.kinds();
        int[] ap = st.weighted()[0].csr().rowPtr();
        int[] ac = st.weighted()[0].csr().col();
        double[] av = st.weighted()[0].w();
        int[] bp = st.middleReversed().csr().rowPtr();
        int[] bc = st.middleReversed().csr().col();
        double[] bv = st.middleReversed().w();
        int[] cp = st.lastReversed().csr().rowPtr();
        int[] cc = st.lastReversed().csr().col();
        double[] cv = st.lastReversed().w();
        boolean s1 = kinds[1] == kinds[0];
        boolean t1 = kinds[1] == kinds[3];
        boolean s2 = kinds[2] == kinds[0];
        boolean o2 = kinds[2] == kinds[1];
        boolean t2 = kinds[2] == kinds[3];
        Backward b = BACKWARD.get();
        int middle = graph.count(kinds[1]);
        if (b.position.length < middle) {
            b.position = new int[middle];
        }
        int a0 = ap[source];
        int degree = ap[source + 1] - a0;
        if (b.head.length < degree) {
            b.head = new int[degree];
            b.tail = new int[degree];
        }
        int[] position = b.position;
        for (int i = 0; i < degree; i++) {
            int n1 = ac[a0 + i];
            b.head[i] = -1;
            if (!((s1 && n1 == source) || (t1 && n1 == target))) {
                position[n1] = i + 1;
            }
        }
        int found = 0;
        try {
            for (int k = cp[target]; k < cp[target + 1]; k++) {
                int n2 = cc[k];
                if ((s2 && n2 == source) || (t2 && n2 == target)) {
                    continue;
                }
                double v3 = cv[k];
                for (int j = bp[n2]; j < bp[n2 + 1]; j++) {
                    int n1 = bc[j];
                    int p = position[n1];
                    if (p == 0 || (o2 && n2 == n1)) {
                        continue;
                    }
                    if (countOnly) {
                        found++;
                        continue;
                    }
                    if (found == b.n2.length) {
                        int capacity = Math.max(256, 2 * found);
                        b.n2 = java.util.Arrays.copyOf(b.n2, capacity);
                        b.pdp = java.util.Arrays.copyOf(b.pdp, capacity);
                        b.next = java.util.Arrays.copyOf(b.next, capacity);
                    }
                    b.n2[found] = n2;
                    b.pdp[found] = av[a0 + p - 1] * bv[j] * v3;
                    b.next[found] = -1;
                    if (b.head[p - 1] < 0) {
                        b.head[p - 1] = found;
                    } else {
                        b.next[b.tail[p - 1]] = found;
                    }
                    b.tail[p - 1] = found;
                    found++;
                }
            }
        } finally {
            for (int i = 0; i < degree; i++) {
                position[ac[a0 + i]] = 0;
            }
        }
        for (int i = 0; i < degree && !countOnly; i++) {
            nodes[1] = ac[a0 + i];
            for (int q = b.head[i]; q >= 0; q = b.next[q]) {
                nodes[2] = b.n2[q];
                sink.path(nodes, b.pdp[q]);
            }
        }
        return found;
    }

    /** Does nothing with a path: {@link #count}. */
    private static final PathSink COUNT = (nodes, pdp) -> {
    };

    /**
     * The number of node-distinct paths of a resolved metapath from {@code source} to {@code target}, from the
     * cheaper side, without handing them anywhere (length 3 from the target side: without the lists that put
     * them back in order).
     */
    int count(Steps st, int source, int target, int[] nodes) {
        int[] kinds = st.kinds();
        if (st.weighted().length == 3 && !(kinds[0] == kinds[3] && source == target)
                && cheaperFromTarget(st, source, target)) {
            nodes[0] = source;
            nodes[3] = target;
            return fromTarget(st, source, target, nodes, COUNT, true);
        }
        return forEachPath(st, source, target, nodes, COUNT, Direction.SOURCE);
    }

    private static int enumerate(Weighted[] ws, int[] kinds, int source, int target, int[] nodes, double[] toTarget,
                                 PathSink sink) {
        int last = ws.length;
        int n = 0;
        HetGraph.Csr a = ws[0].csr();
        int[] ap = a.rowPtr();
        int[] ac = a.col();
        double[] av = ws[0].w();
        boolean s1 = kinds[1] == kinds[0];
        boolean t1 = kinds[1] == kinds[last];
        if (ws.length == 2) {
            for (int i = ap[source]; i < ap[source + 1]; i++) {
                int n1 = ac[i];
                if ((s1 && n1 == source) || (t1 && n1 == target)) {
                    continue;
                }
                double v = toTarget[n1];
                if (v != 0) {
                    nodes[1] = n1;
                    sink.path(nodes, av[i] * v);
                    n++;
                }
            }
            return n;
        }
        HetGraph.Csr b = ws[1].csr();
        int[] bp = b.rowPtr();
        int[] bc = b.col();
        double[] bv = ws[1].w();
        boolean s2 = kinds[2] == kinds[0];
        boolean o2 = kinds[2] == kinds[1];
        boolean t2 = kinds[2] == kinds[3];
        for (int i = ap[source]; i < ap[source + 1]; i++) {
            int n1 = ac[i];
            if ((s1 && n1 == source) || (t1 && n1 == target)) {
                continue;
            }
            double v1 = av[i];
            for (int j = bp[n1]; j < bp[n1 + 1]; j++) {
                int n2 = bc[j];
                if ((s2 && n2 == source) || (o2 && n2 == n1) || (t2 && n2 == target)) {
                    continue;
                }
                double v3 = toTarget[n2];
                if (v3 != 0) {
                    nodes[1] = n1;
                    nodes[2] = n2;
                    sink.path(nodes, v1 * bv[j] * v3);
                    n++;
                }
            }
        }
        return n;
    }
}
