package io.repurpose.linkpred;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.repurpose.graph.Metaedge;

/**
 * The in-memory projection: per node kind a dense id space (identifiers sorted, so ids are stable across
 * loads), per relationship type and kind pair the edge list, with CSR adjacency built lazily per
 * direction. Pure data; no driver types. Immutable apart from the lazily built adjacency caches.
 */
final class HetGraph {
    final List<String> kinds;
    final String[][] ids;
    final String[][] names;
    final List<Map<String, Integer>> index;
    final List<EdgeType> edgeTypes;

    HetGraph(List<String> kinds, String[][] ids, String[][] names, List<EdgeType> edgeTypes) {
        this.kinds = List.copyOf(kinds);
        this.ids = ids;
        this.names = names;
        this.edgeTypes = List.copyOf(edgeTypes);
        List<Map<String, Integer>> idx = new ArrayList<>();
        for (String[] kindIds : ids) {
            Map<String, Integer> m = new HashMap<>(kindIds.length * 2);
            for (int i = 0; i < kindIds.length; i++) {
                m.put(kindIds[i], i);
            }
            idx.add(m);
        }
        this.index = idx;
    }

    int kind(String label) {
        int k = kinds.indexOf(label);
        if (k < 0) {
            throw new IllegalArgumentException("no nodes labelled " + label + " in the projection; labels: " + kinds);
        }
        return k;
    }

    int count(int kind) {
        return ids[kind].length;
    }

    /** Local id of a node, or -1. */
    int node(int kind, String identifier) {
        Integer i = index.get(kind).get(identifier);
        return i == null ? -1 : i;
    }

    List<EdgeType> edgesOfType(String type) {
        return edgeTypes.stream().filter(e -> e.type.equals(type)).toList();
    }

    long edgeCount() {
        long n = 0;
        for (EdgeType e : edgeTypes) {
            n += e.size();
        }
        return n;
    }

    /** A copy without the edges of {@code type} whose (source, target) key is in {@code removed}. */
    HetGraph without(String type, Set<Long> removed) {
        List<EdgeType> list = new ArrayList<>();
        for (EdgeType e : edgeTypes) {
            list.add(e.type.equals(type) ? e.filter(removed) : e);
        }
        return new HetGraph(kinds, ids, names, list);
    }

    /** A copy with fresh edge objects (no cached adjacency or weights): for cold timings. */
    HetGraph coldCopy() {
        return new HetGraph(kinds, ids, names, edgeTypes.stream().map(e -> e.filter(Set.of())).toList());
    }

    /** A copy without any edge of these types. */
    HetGraph withoutTypes(Set<String> types) {
        return new HetGraph(kinds, ids, names, edgeTypes.stream().filter(e -> !types.contains(e.type)).toList());
    }

    static long key(int source, int target) {
        return ((long) source << 32) | (target & 0xffffffffL);
    }

    /** SHA-256 over the node identifiers per kind and the edges per type: the data snapshot. */
    String snapshotHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int k = 0; k < kinds.size(); k++) {
                md.update(kinds.get(k).getBytes(StandardCharsets.UTF_8));
                for (String id : ids[k]) {
                    md.update(id.getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
            List<EdgeType> sorted = new ArrayList<>(edgeTypes);
            sorted.sort((a, b) -> a.name().compareTo(b.name()));
            byte[] buf = new byte[8];
            for (EdgeType e : sorted) {
                md.update(e.name().getBytes(StandardCharsets.UTF_8));
                long[] keys = new long[e.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = key(e.src[i], e.dst[i]);
                }
                Arrays.sort(keys);
                for (long x : keys) {
                    for (int b = 0; b < 8; b++) {
                        buf[b] = (byte) (x >>> (8 * b));
                    }
                    md.update(buf);
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compressed sparse rows: neighbours of row r are col[rowPtr[r] .. rowPtr[r+1]), sorted. */
    record Csr(int rows, int cols, int[] rowPtr, int[] col) {
        int degree(int r) {
            return rowPtr[r + 1] - rowPtr[r];
        }

        boolean has(int r, int c) {
            return Arrays.binarySearch(col, rowPtr[r], rowPtr[r + 1], c) >= 0;
        }

        long nnz() {
            return rowPtr[rows];
        }

        static Csr of(int rows, int cols, int[] from, int[] to, int n) {
            int[] ptr = new int[rows + 1];
            for (int i = 0; i < n; i++) {
                ptr[from[i] + 1]++;
            }
            for (int r = 0; r < rows; r++) {
                ptr[r + 1] += ptr[r];
            }
            // the edges' rows in column order (a counting sort by column), then each edge placed in its row in
            // that order: every row's columns come out ascending without a comparison sort
            int[] colPtr = new int[cols + 1];
            for (int i = 0; i < n; i++) {
                colPtr[to[i] + 1]++;
            }
            for (int c = 0; c < cols; c++) {
                colPtr[c + 1] += colPtr[c];
            }
            int[] rowByCol = new int[n];
            int[] next = Arrays.copyOf(colPtr, cols);
            for (int i = 0; i < n; i++) {
                rowByCol[next[to[i]]++] = from[i];
            }
            int[] fill = Arrays.copyOf(ptr, rows);
            int[] col = new int[n];
            for (int c = 0; c < cols; c++) {
                for (int k = colPtr[c]; k < colPtr[c + 1]; k++) {
                    col[fill[rowByCol[k]]++] = c;
                }
            }
            // de-duplicate each (sorted) row
            int[] outPtr = new int[rows + 1];
            int w = 0;
            for (int r = 0; r < rows; r++) {
                int s = ptr[r];
                int e = ptr[r + 1];
                int last = -1;
                for (int i = s; i < e; i++) {
                    if (col[i] != last) {
                        col[w++] = col[i];
                        last = col[i];
                    }
                }
                outPtr[r + 1] = w;
            }
            return new Csr(rows, cols, outPtr, w == n ? col : Arrays.copyOf(col, w));
        }
    }

    /**
     * The edges of one relationship type between one source and one target kind. Same-kind types
     * other than directed ones ({@code Gr>G}) are symmetric: traversed both ways as one step.
     */
    static final class EdgeType {
        final String type;
        final int source;
        final int target;
        final int sourceCount;
        final int targetCount;
        final int[] src;
        final int[] dst;
        final String[][] documentIds;
        final boolean literature;
        final boolean symmetric;
        final String abbreviation;
        private Csr forward;
        private Csr backward;
        /** Stored edges by source: {row pointers, targets ascending, first stored index of each pair}; lazy. */
        private volatile int[][] edgeLookup;
        private final Map<String, double[]> weights = new HashMap<>();

        EdgeType(String type, int source, int target, int sourceCount, int targetCount, int[] src, int[] dst,
                 String[][] documentIds, String abbreviation, boolean symmetric) {
            this.type = type;
            this.source = source;
            this.target = target;
            this.sourceCount = sourceCount;
            this.targetCount = targetCount;
            this.src = src;
            this.dst = dst;
            this.documentIds = documentIds;
            this.literature = type.startsWith(LinkPredConfig.LITERATURE_PREFIX);
            this.abbreviation = abbreviation;
            this.symmetric = symmetric;
        }

        static EdgeType create(String type, String sourceLabel, String targetLabel, int source, int target,
                               int sourceCount, int targetCount, int[] src, int[] dst, String[][] docs) {
            var meta = Metaedge.byType(type);
            String abbreviation = meta.map(Metaedge::abbreviation).orElse(null);
            boolean directed = abbreviation != null && abbreviation.contains(">");
            boolean symmetric = source == target && !directed;
            if (abbreviation == null) {
                abbreviation = "-" + type + "-";
            }
            // drop self loops of same-kind types: metapaths are paths, never revisiting a node
            if (source == target) {
                int w = 0;
                for (int i = 0; i < src.length; i++) {
                    if (src[i] != dst[i]) {
                        src[w] = src[i];
                        dst[w] = dst[i];
                        if (docs != null) {
                            docs[w] = docs[i];
                        }
                        w++;
                    }
                }
                src = Arrays.copyOf(src, w);
                dst = Arrays.copyOf(dst, w);
                docs = docs == null ? null : Arrays.copyOf(docs, w);
            }
            return new EdgeType(type, source, target, sourceCount, targetCount, src, dst, docs, abbreviation,
                    symmetric);
        }

        int size() {
            return src.length;
        }

        String name() {
            return type + "/" + source + "/" + target;
        }

        EdgeType filter(Set<Long> removed) {
            int[] s = new int[src.length];
            int[] d = new int[dst.length];
            String[][] docs = documentIds == null ? null : new String[src.length][];
            int w = 0;
            for (int i = 0; i < src.length; i++) {
                if (!removed.contains(key(src[i], dst[i]))) {
                    s[w] = src[i];
                    d[w] = dst[i];
                    if (docs != null) {
                        docs[w] = documentIds[i];
                    }
                    w++;
                }
            }
            return new EdgeType(type, source, target, sourceCount, targetCount, Arrays.copyOf(s, w),
                    Arrays.copyOf(d, w), docs == null ? null : Arrays.copyOf(docs, w), abbreviation, symmetric);
        }

        /** Adjacency read in the given direction (symmetric types: both directions merged). */
        synchronized Csr csr(boolean forwardDirection) {
            if (symmetric) {
                if (forward == null) {
                    int n = src.length;
                    int[] from = new int[2 * n];
                    int[] to = new int[2 * n];
                    System.arraycopy(src, 0, from, 0, n);
                    System.arraycopy(dst, 0, from, n, n);
                    System.arraycopy(dst, 0, to, 0, n);
                    System.arraycopy(src, 0, to, n, n);
                    forward = Csr.of(sourceCount, sourceCount, from, to, 2 * n);
                }
                return forward;
            }
            if (forwardDirection) {
                if (forward == null) {
                    forward = Csr.of(sourceCount, targetCount, src, dst, src.length);
                }
                return forward;
            }
            if (backward == null) {
                backward = Csr.of(targetCount, sourceCount, dst, src, src.length);
            }
            return backward;
        }

        /**
         * DWPC weights of the adjacency read in this direction: {@code deg(row)^-w * deg(col)^-w} per
         * non-zero, degrees counted within this edge type. Cached per direction and damping.
         */
        synchronized double[] weights(boolean forwardDirection, double damping) {
            String key = (symmetric || forwardDirection) + "/" + damping;
            double[] w = weights.get(key);
            if (w != null) {
                return w;
            }
            Csr csr = csr(forwardDirection);
            Csr rev = symmetric ? csr : csr(!forwardDirection);
            double[] colFactor = new double[rev.rows()];
            for (int c = 0; c < colFactor.length; c++) {
                colFactor[c] = Math.pow(rev.degree(c), -damping);
            }
            w = new double[(int) csr.nnz()];
            int[] ptr = csr.rowPtr();
            int[] col = csr.col();
            for (int r = 0; r < csr.rows(); r++) {
                double dr = Math.pow(csr.degree(r), -damping);
                for (int i = ptr[r]; i < ptr[r + 1]; i++) {
                    w[i] = dr * colFactor[col[i]];
                }
            }
            weights.put(key, w);
            return w;
        }

        /**
         * Index of the stored edge (s, t) (the first, if stored twice), or -1; for symmetric types either
         * orientation, (s, t) first. A binary search in s's row of a lookup built once, without a lock: explanations
         * look up every edge of their listed paths, on several threads (a synchronized {@code HashMap<Long, Integer>}
         * was that before, its keys' hashes {@code s ^ t} colliding into tree bins).
         */
        int edgeIndex(int s, int t) {
            int[][] l = edgeLookup;
            if (l == null) {
                l = buildEdgeLookup();
            }
            int i = find(l, s, t);
            return i < 0 && symmetric ? find(l, t, s) : i;
        }

        private static int find(int[][] lookup, int s, int t) {
            int i = Arrays.binarySearch(lookup[1], lookup[0][s], lookup[0][s + 1], t);
            return i < 0 ? -1 : lookup[2][i];
        }

        private synchronized int[][] buildEdgeLookup() {
            if (edgeLookup != null) {
                return edgeLookup;
            }
            int[] ptr = new int[sourceCount + 1];
            for (int v : src) {
                ptr[v + 1]++;
            }
            for (int r = 0; r < sourceCount; r++) {
                ptr[r + 1] += ptr[r];
            }
            long[] packed = new long[src.length]; // per row: target << 32 | stored index, sorted by both
            int[] fill = Arrays.copyOf(ptr, sourceCount);
            for (int i = 0; i < src.length; i++) {
                packed[fill[src[i]]++] = ((long) dst[i] << 32) | i;
            }
            int[] rows = new int[sourceCount + 1];
            int[] cols = new int[src.length];
            int[] index = new int[src.length];
            int w = 0;
            for (int r = 0; r < sourceCount; r++) {
                Arrays.sort(packed, ptr[r], ptr[r + 1]);
                int last = -1;
                for (int i = ptr[r]; i < ptr[r + 1]; i++) {
                    int c = (int) (packed[i] >>> 32);
                    if (c != last) { // the first stored index of a pair stored twice
                        cols[w] = c;
                        index[w++] = (int) packed[i];
                        last = c;
                    }
                }
                rows[r + 1] = w;
            }
            edgeLookup = new int[][]{rows, cols, index};
            return edgeLookup;
        }
    }

    /** Builds a graph from rows, assigning dense ids in sorted identifier order per kind. */
    static final class Builder {
        private final Map<String, Map<String, String>> nodes = new LinkedHashMap<>(); // kind -> id -> name
        private final Map<String, List<String[]>> edges = new LinkedHashMap<>(); // type|sl|tl -> (sid, tid)
        private final Map<String, List<String[]>> docs = new LinkedHashMap<>();

        Builder node(String kind, String identifier, String name) {
            nodes.computeIfAbsent(kind, k -> new HashMap<>()).put(identifier, name == null ? identifier : name);
            return this;
        }

        Builder edge(String type, String sourceKind, String sourceId, String targetKind, String targetId,
                     List<String> documentIds) {
            String key = type + "|" + sourceKind + "|" + targetKind;
            edges.computeIfAbsent(key, k -> new ArrayList<>()).add(new String[]{sourceId, targetId});
            docs.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(documentIds == null ? null : documentIds.toArray(String[]::new));
            return this;
        }

        HetGraph build() {
            List<String> kinds = new ArrayList<>(nodes.keySet());
            kinds.sort(null);
            String[][] ids = new String[kinds.size()][];
            String[][] names = new String[kinds.size()][];
            List<Map<String, Integer>> idx = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                Map<String, String> m = nodes.get(kinds.get(k));
                ids[k] = m.keySet().stream().sorted().toArray(String[]::new);
                names[k] = new String[ids[k].length];
                Map<String, Integer> ix = new HashMap<>();
                for (int i = 0; i < ids[k].length; i++) {
                    names[k][i] = m.get(ids[k][i]);
                    ix.put(ids[k][i], i);
                }
                idx.add(ix);
            }
            List<EdgeType> types = new ArrayList<>();
            List<String> keys = new ArrayList<>(edges.keySet());
            keys.sort(null);
            for (String key : keys) {
                String[] parts = key.split("\\|");
                int s = kinds.indexOf(parts[1]);
                int t = kinds.indexOf(parts[2]);
                if (s < 0 || t < 0) {
                    throw new IllegalArgumentException("edge type " + key + " connects unknown node kinds");
                }
                List<String[]> list = edges.get(key);
                List<String[]> dl = docs.get(key);
                boolean anyDocs = dl.stream().anyMatch(d -> d != null);
                int[] src = new int[list.size()];
                int[] dst = new int[list.size()];
                String[][] dd = anyDocs ? new String[list.size()][] : null;
                for (int i = 0; i < list.size(); i++) {
                    Integer a = idx.get(s).get(list.get(i)[0]);
                    Integer b = idx.get(t).get(list.get(i)[1]);
                    if (a == null || b == null) {
                        throw new IllegalArgumentException("edge " + Arrays.toString(list.get(i)) + " of " + key
                                + " has an endpoint that is not a node");
                    }
                    src[i] = a;
                    dst[i] = b;
                    if (dd != null) {
                        dd[i] = dl.get(i);
                    }
                }
                types.add(EdgeType.create(parts[0], parts[1], parts[2], s, t, ids[s].length, ids[t].length, src, dst,
                        dd));
            }
            return new HetGraph(kinds, ids, names, types);
        }
    }
}
