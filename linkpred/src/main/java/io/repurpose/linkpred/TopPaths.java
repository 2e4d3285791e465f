package io.repurpose.linkpred;

/**
 * The {@code k} largest paths seen, by key, held in primitive arrays (a min-heap whose root is the
 * weakest kept path): no object per offered path. Ties are broken by the order of offering (earlier
 * wins), so the kept set and its order equal a stable sort of every offered path by descending key.
 */
final class TopPaths {
    private final int k;
    private final int width;
    private int[] metapath;
    private int[] nodes;
    private double[] pdp;
    private double[] key;
    private long[] seq;
    private int size;

    /**
     * @param k     how many to keep (0 = none)
     * @param width nodes per path (the longest metapath's length + 1)
     */
    TopPaths(int k, int width) {
        this.k = Math.max(0, k);
        this.width = width;
        allocate(Math.min(this.k, 32)); // grows up to k as paths come
    }

    private void allocate(int capacity) {
        metapath = metapath == null ? new int[capacity] : java.util.Arrays.copyOf(metapath, capacity);
        nodes = nodes == null ? new int[capacity * width] : java.util.Arrays.copyOf(nodes, capacity * width);
        pdp = pdp == null ? new double[capacity] : java.util.Arrays.copyOf(pdp, capacity);
        key = key == null ? new double[capacity] : java.util.Arrays.copyOf(key, capacity);
        seq = seq == null ? new long[capacity] : java.util.Arrays.copyOf(seq, capacity);
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /**
     * Whether every path offered from now on with a key of at most {@code bound} is rejected: nothing is kept
     * ({@code k = 0}), or all {@code k} are kept and the weakest has at least that key (a later path, with a larger
     * sequence number, loses a tie).
     */
    boolean rejectsLaterUpTo(double bound) {
        return k == 0 || (size == k && key[0] >= bound);
    }

    /** Whether a path with this key and sequence number would be kept. */
    boolean accepts(double pathKey, long pathSeq) {
        return size < k || (k > 0 && weaker(0, pathKey, pathSeq));
    }

    /** Offers a path; {@code n} holds its {@code len} nodes from index 0. */
    void offer(int m, int[] n, int len, double pathPdp, double pathKey, long pathSeq) {
        offer(m, n, 0, len, pathPdp, pathKey, pathSeq);
    }

    /**
     * Moves every kept path into {@code other}, keyed by the absolute value of its contribution
     * {@code part × pdp / sum}, and empties this one.
     */
    void drainInto(TopPaths other, double part, double sum) {
        for (int i = 0; i < size; i++) {
            other.offer(metapath[i], nodes, i * width, width, pdp[i], Math.abs(part * pdp[i] / sum), seq[i]);
        }
        size = 0;
    }

    /** Kept positions, strongest first. */
    int[] order() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> weaker(a, key[b], seq[b]) ? 1 : weaker(b, key[a], seq[a]) ? -1 : 0);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    int metapath(int i) {
        return metapath[i];
    }

    int node(int i, int position) {
        return nodes[i * width + position];
    }

    double pdp(int i) {
        return pdp[i];
    }

    double key(int i) {
        return key[i];
    }

    /** Whether the kept path at {@code i} ranks below a path with this key and sequence number. */
    private boolean weaker(int i, double otherKey, long otherSeq) {
        return key[i] < otherKey || (key[i] == otherKey && seq[i] > otherSeq);
    }

    /** Offers a path whose {@code len} nodes start at {@code n[from]}. */
    void offer(int m, int[] n, int from, int len, double pathPdp, double pathKey, long pathSeq) {
        if (!accepts(pathKey, pathSeq)) {
            return;
        }
        if (size < k && size == metapath.length) {
            allocate((int) Math.min(k, 2L * size));
        }
        int at = size < k ? size++ : 0;
        set(at, m, n, from, len, pathPdp, pathKey, pathSeq);
        if (at > 0) {
            siftUp(at);
        } else {
            siftDown(0);
        }
    }

    private void set(int at, int m, int[] n, int from, int len, double pathPdp, double pathKey, long pathSeq) {
        metapath[at] = m;
        System.arraycopy(n, from, nodes, at * width, Math.min(len, width));
        for (int j = len; j < width; j++) {
            nodes[at * width + j] = -1;
        }
        pdp[at] = pathPdp;
        key[at] = pathKey;
        seq[at] = pathSeq;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!weaker(i, key[parent], seq[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int weakest = r < size && weaker(r, key[l], seq[l]) ? r : l;
            if (!weaker(weakest, key[i], seq[i])) {
                return;
            }
            swap(i, weakest);
            i = weakest;
        }
    }

    private void swap(int a, int b) {
        int m = metapath[a];
        metapath[a] = metapath[b];
        metapath[b] = m;
        for (int j = 0; j < width; j++) {
            int t = nodes[a * width + j];
            nodes[a * width + j] = nodes[b * width + j];
            nodes[b * width + j] = t;
        }
        double p = pdp[a];
        pdp[a] = pdp[b];
        pdp[b] = p;
        double x = key[a];
        key[a] = key[b];
        key[b] = x;
        long s = seq[a];
        seq[a] = seq[b];
        seq[b] = s;
    }
}
