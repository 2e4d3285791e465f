package io.repurpose.linkpred;

/**
 * Per DWPC metapath of a model and per compound–disease pair with a non-zero DWPC: how many node-distinct paths
 * the pair has, and an upper bound of its largest path's share of them ({@code max pdp / sum of pdps}, as a
 * {@code float} rounded up). Made by walking every such pair once ({@link Dwpc#forEachPath}, the walk of an
 * explanation, so the counts are the ones an explanation finds); an explanation then counts a metapath's paths
 * without walking them, and walks only the metapaths whose largest path can still enter its top-k. Stored by
 * metapath as sparse rows over the compounds (targets ascending), 12 bytes per pair with paths (Hetionet with the
 * session-6 model: 3.05 million pairs, 37 MB).
 */
final class PathStats {
    /** Per space metapath: row pointers over the sources, or null when not computed. */
    private final int[][] ptr;
    private final int[][] target;
    private final int[][] count;
    private final float[][] share;

    private PathStats(int[][] ptr, int[][] target, int[][] count, float[][] share) {
        this.ptr = ptr;
        this.target = target;
        this.count = count;
        this.share = share;
    }

    /**
     * Walks every pair of the space with a non-zero DWPC for each of {@code metapaths} (space indexes; the others
     * get none). Stops early, returning null, when the thread is interrupted.
     */
    static PathStats build(FeatureSpace space, Dwpc paths, Dwpc.Steps[] steps, int[] metapaths) {
        int n = space.metapaths.size();
        int ns = space.sourceCount;
        int nt = space.targetCount;
        int[][] ptr = new int[n][];
        int[][] target = new int[n][];
        int[][] count = new int[n][];
        float[][] share = new float[n][];
        int width = 1;
        for (Metapath mp : space.metapaths) {
            width = Math.max(width, mp.length() + 1);
        }
        int[] nodes = new int[width];
        Extremes walk = new Extremes();
        for (int m : metapaths) {
            if (ptr[m] != null) {
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            int nnz = 0;
            for (int s = 0; s < ns; s++) {
                for (int t = 0; t < nt; t++) {
                    if (space.rawDwpc(m, s, t) != 0) {
                        nnz++;
                    }
                }
            }
            int[] p = new int[ns + 1];
            int[] tg = new int[nnz];
            int[] ct = new int[nnz];
            float[] sh = new float[nnz];
            int at = 0;
            for (int s = 0; s < ns; s++) {
                for (int t = 0; t < nt; t++) {
                    if (space.rawDwpc(m, s, t) == 0) {
                        continue;
                    }
                    walk.sum = 0;
                    walk.max = 0;
                    int found = paths.forEachPath(steps[m], s, t, nodes, walk, Dwpc.Direction.CHEAPER);
                    tg[at] = t;
                    ct[at] = found;
                    sh[at] = found > 0 && walk.sum > 0 ? roundUp(walk.max / walk.sum) : 1f;
                    at++;
                }
                p[s + 1] = at;
            }
            ptr[m] = p;
            target[m] = tg;
            count[m] = ct;
            share[m] = sh;
        }
        return new PathStats(ptr, target, count, share);
    }

    /** The smallest float at least {@code x} (x in [0, 1]). */
    static float roundUp(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }

    /** Sums and the largest path-degree product of one walk. */
    private static final class Extremes implements Dwpc.PathSink {
        double sum;
        double max;

        @Override
        public void path(int[] nodes, double pdp) {
            sum += pdp;
            if (pdp > max) {
                max = pdp;
            }
        }
    }

    /** Whether metapath {@code m} has stats. */
    boolean has(int m) {
        return ptr[m] != null;
    }

    /** The position of the pair (s, t) in metapath {@code m}'s stats, or -1 (no paths: a zero DWPC). */
    int find(int m, int s, int t) {
        int[] p = ptr[m];
        int i = java.util.Arrays.binarySearch(target[m], p[s], p[s + 1], t);
        return i < 0 ? -1 : i;
    }

    /** The number of node-distinct paths at a position of {@link #find}. */
    int count(int m, int at) {
        return count[m][at];
    }

    /** At least the largest path's share {@code pdp / sum} at a position of {@link #find} (1 when unknown). */
    float share(int m, int at) {
        return share[m][at];
    }

    /** Pairs with stats over all metapaths. */
    long entries() {
        long n = 0;
        for (int[] c : count) {
            n += c == null ? 0 : c.length;
        }
        return n;
    }
}
