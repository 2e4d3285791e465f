package io.repurpose.linkpred;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The scored pairs of a model, everything the candidate queries need and nothing else: source and target
 * identifiers and names, the linear score of every pair, the known treatments; derived at construction the
 * probabilities, their sorted copy (percentiles) and the per-target and per-source orderings. Saved as
 * {@value #FILE} so that loading a model serves candidates without projecting the graph.
 */
final class Ranking {
    static final String FILE = "ranking.bin.gz";
    private static final int MAGIC = 0x4c505231; // "LPR1"

    final String[] sourceIds;
    final String[] sourceNames;
    final String[] targetIds;
    final String[] targetNames;
    final double[] linear;
    final boolean[] known;
    final double[] probability;
    final double[] sortedProbability;
    final int[][] byTarget;
    final int[][] bySource;
    private final Map<String, Integer> sourceIndex;
    private final Map<String, Integer> targetIndex;

    Ranking(String[] sourceIds, String[] sourceNames, String[] targetIds, String[] targetNames, double[] linear,
            boolean[] known) {
        int ns = sourceIds.length;
        int nt = targetIds.length;
        if (linear.length != ns * nt || known.length != ns * nt) {
            throw new IllegalArgumentException("expected " + ns + " x " + nt + " scores, got " + linear.length);
        }
        this.sourceIds = sourceIds;
        this.sourceNames = sourceNames;
        this.targetIds = targetIds;
        this.targetNames = targetNames;
        this.linear = linear;
        this.known = known;
        this.probability = new double[linear.length];
        for (int i = 0; i < linear.length; i++) {
            probability[i] = LinearModel.sigmoid(linear[i]);
        }
        this.sortedProbability = probability.clone();
        Arrays.sort(sortedProbability);
        this.byTarget = new int[nt][];
        IntStream.range(0, nt).parallel().forEach(t -> byTarget[t] = order(ns, c -> linear[c * nt + t]));
        this.bySource = new int[ns][];
        IntStream.range(0, ns).parallel().forEach(c -> bySource[c] = order(nt, t -> linear[c * nt + t]));
        this.sourceIndex = index(sourceIds);
        this.targetIndex = index(targetIds);
    }

    /** 0..n-1 by descending key, ties by index. */
    private static int[] order(int n, java.util.function.IntToDoubleFunction key) {
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = key.applyAsDouble(i);
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(k[b], k[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static Map<String, Integer> index(String[] ids) {
        Map<String, Integer> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], i);
        }
        return m;
    }

    int targets() {
        return targetIds.length;
    }

    /** Index of a source identifier, or -1. */
    int source(String id) {
        Integer i = sourceIndex.get(id);
        return i == null ? -1 : i;
    }

    /** Index of a target identifier, or -1. */
    int target(String id) {
        Integer i = targetIndex.get(id);
        return i == null ? -1 : i;
    }

    /** Share of all pairs (0–100) whose probability is at most {@code prob}. */
    double percentile(double prob) {
        int i = Arrays.binarySearch(sortedProbability, prob);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i + 1 < sortedProbability.length && sortedProbability[i + 1] == prob) {
                i++;
            }
            i++;
        }
        return 100.0 * i / sortedProbability.length;
    }

    void write(Path dir) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(dir.resolve(FILE)), 1 << 16)))) {
            out.writeInt(MAGIC);
            out.writeInt(sourceIds.length);
            out.writeInt(targetIds.length);
            for (String[] a : new String[][]{sourceIds, sourceNames, targetIds, targetNames}) {
                for (String s : a) {
                    out.writeUTF(s == null ? "" : s);
                }
            }
            int nKnown = 0;
            for (boolean k : known) {
                nKnown += k ? 1 : 0;
            }
            out.writeInt(nKnown);
            for (int i = 0; i < known.length; i++) {
                if (known[i]) {
                    out.writeInt(i);
                }
            }
            for (double z : linear) {
                out.writeDouble(z);
            }
        }
    }

    /** The saved ranking, or null when the directory holds none (a model saved before it existed). */
    static Ranking read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a ranking file");
            }
            int ns = in.readInt();
            int nt = in.readInt();
            String[][] a = {new String[ns], new String[ns], new String[nt], new String[nt]};
            for (String[] arr : a) {
                for (int i = 0; i < arr.length; i++) {
                    arr[i] = in.readUTF();
                }
            }
            boolean[] known = new boolean[ns * nt];
            int nKnown = in.readInt();
            for (int i = 0; i < nKnown; i++) {
                known[in.readInt()] = true;
            }
            double[] linear = new double[ns * nt];
            for (int i = 0; i < linear.length; i++) {
                linear[i] = in.readDouble();
            }
            return new Ranking(a[0], a[1], a[2], a[3], linear, known);
        }
    }
}
