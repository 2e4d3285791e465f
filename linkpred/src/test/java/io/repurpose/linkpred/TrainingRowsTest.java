package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link TrainingRows#bag}: disjoint bags of negatives, every positive in each (no graph). */
class TrainingRowsTest {

    /** Fold f holds 3 + f positives and 4 negatives per positive, labels interleaved. */
    static TrainingRows rows() {
        java.util.List<Boolean> labels = new java.util.ArrayList<>();
        java.util.List<Integer> folds = new java.util.ArrayList<>();
        for (int f = 0; f < 3; f++) {
            for (int p = 0; p < 3 + f; p++) {
                for (int i = 0; i < 5; i++) {
                    labels.add(i == 2);
                    folds.add(f);
                }
            }
        }
        boolean[] l = new boolean[labels.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.get(i);
        }
        return new TrainingRows(new double[l.length][1], l, new int[l.length],
                folds.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void bagsAreDisjointInNegativesAndShareEveryPositive() {
        TrainingRows rows = rows();
        Set<Integer> negatives = new HashSet<>();
        for (int b = 0; b < 2; b++) {
            int[] bag = rows.bag(2, 2, b, 3L);
            int[] perFoldNeg = new int[3];
            int positives = 0;
            for (int k = 0; k < bag.length; k++) {
                int i = bag[k];
                assertTrue(k == 0 || bag[k - 1] < i, "row order");
                if (rows.labels()[i]) {
                    positives++;
                } else {
                    assertTrue(negatives.add(i), "negative row " + i + " in one bag only");
                    perFoldNeg[rows.fold()[i]]++;
                }
            }
            assertEquals(12, positives, "every positive in bag " + b);
            assertArrayEquals(new int[]{6, 8, 10}, perFoldNeg, "2 negatives per positive of each fold");
            assertArrayEquals(bag, rows.bag(2, 2, b, 3L), "seeded");
        }
        assertEquals(48, negatives.size(), "two bags of 2 per positive cover the 4 per positive collected");
        assertTrue(!java.util.Arrays.equals(rows.bag(2, 2, 0, 3L), rows.bag(2, 2, 0, 4L)), "another seed, another split");
        // three bags of 2 per positive from 4 per positive: each gets an equal share, a third of each fold's negatives
        assertEquals(12 + 4 + 5 + 6, rows.bag(2, 3, 2, 3L).length);
        assertThrows(IllegalArgumentException.class, () -> rows.bag(2, 2, 2, 3L));
    }
}
