package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded fold assignment of all source–target pairs: positives stratified (shuffled, then dealt round
 * robin), every other pair uniformly at random; and sampled training negatives per fold.
 *
 * @param folds          number of folds
 * @param targets        number of targets (pair index = source * targets + target)
 * @param pairFold       fold of every pair
 * @param positives      positive pair keys
 * @param positiveFold   fold of each positive, parallel to {@code positives}
 * @param isPositive     positive flag per pair index
 */
record Splits(int folds, int targets, byte[] pairFold, long[] positives, int[] positiveFold, boolean[] isPositive) {

    static Splits create(int sources, int targets, long[] positives, int folds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] pairFold = new byte[sources * targets];
        for (int i = 0; i < pairFold.length; i++) {
            pairFold[i] = (byte) r.nextInt(folds);
        }
        int[] order = new int[positives.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[positives.length];
        boolean[] isPositive = new boolean[pairFold.length];
        for (int i = 0; i < order.length; i++) {
            fold[order[i]] = i % folds;
        }
        for (int i = 0; i < positives.length; i++) {
            int idx = index(positives[i], targets);
            pairFold[idx] = (byte) fold[i];
            isPositive[idx] = true;
        }
        return new Splits(folds, targets, pairFold, positives.clone(), fold, isPositive);
    }

    static int index(long key, int targets) {
        return (int) (key >>> 32) * targets + (int) key;
    }

    /** Treats-edge keys of the given folds (to remove from the graph). */
    Set<Long> positivesIn(Set<Integer> foldSet) {
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < positives.length; i++) {
            if (foldSet.contains(positiveFold[i])) {
                out.add(positives[i]);
            }
        }
        return out;
    }

    /** Positive pair indexes of one fold. */
    int[] positiveIndexes(int fold) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < positives.length; i++) {
            if (positiveFold[i] == fold) {
                out.add(index(positives[i], targets));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sampled negative pair indexes of one fold: {@code count} distinct non-positive pairs of that fold. */
    int[] sampleNegatives(int fold, int count, long seed) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < pairFold.length; i++) {
            if (pairFold[i] == fold && !isPositive[i]) {
                candidates.add(i);
            }
        }
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + fold);
        int n = Math.min(count, candidates.size());
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(candidates.size() - i);
            Integer t = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, t);
        }
        return candidates.subList(0, n).stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** All non-positive pair indexes of a fold. */
    int[] negativeIndexes(int fold) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pairFold.length; i++) {
            if (pairFold[i] == fold && !isPositive[i]) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A seeded sub-fold (0..parts-1) of every pair, positives of each fold dealt round robin after a shuffle,
     * the other pairs uniformly at random.
     */
    byte[] subfolds(int parts, long seed) {
        byte[] sub = new byte[pairFold.length];
        if (parts <= 1) {
            return sub;
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + 17);
        for (int i = 0; i < sub.length; i++) {
            sub[i] = (byte) r.nextInt(parts);
        }
        for (int f = 0; f < folds; f++) {
            int[] pos = positiveIndexes(f);
            for (int i = pos.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = pos[i];
                pos[i] = pos[j];
                pos[j] = t;
            }
            for (int i = 0; i < pos.length; i++) {
                sub[pos[i]] = (byte) (i % parts);
            }
        }
        return sub;
    }
}
