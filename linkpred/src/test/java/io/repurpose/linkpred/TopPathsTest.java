package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link TopPaths} keeps what a stable sort of every path by descending key would list first. */
class TopPathsTest {

    @Test
    void keepsTheSameAsAStableSortWithTies() {
        Random r = new Random(3);
        for (int round = 0; round < 200; round++) {
            int n = r.nextInt(300);
            int k = r.nextInt(40);
            TopPaths top = new TopPaths(k, 3);
            List<double[]> all = new ArrayList<>(); // {key, seq, node0}
            for (int i = 0; i < n; i++) {
                double key = r.nextInt(12) / 4.0; // many ties
                int[] nodes = {i, i + 1, i + 2};
                top.offer(i % 7, nodes, 3, key * 2, key, i);
                all.add(new double[]{key, i});
            }
            all.sort(Comparator.comparingDouble((double[] a) -> -a[0]));
            int[] order = top.order();
            assertEquals(Math.min(k, n), order.length);
            for (int j = 0; j < order.length; j++) {
                int seq = (int) all.get(j)[1];
                assertEquals(all.get(j)[0], top.key(order[j]), "round " + round);
                assertEquals(seq, top.node(order[j], 0), "round " + round);
                assertEquals(seq + 2, top.node(order[j], 2));
                assertEquals(seq % 7, top.metapath(order[j]));
                assertEquals(all.get(j)[0] * 2, top.pdp(order[j]));
            }
        }
    }

    @Test
    void drainRekeysByContribution() {
        TopPaths local = new TopPaths(2, 2);
        TopPaths global = new TopPaths(3, 2);
        local.offer(0, new int[]{1, 2}, 2, 1.0, 1.0, 0);
        local.offer(0, new int[]{3, 4}, 2, 3.0, 3.0, 1);
        local.offer(0, new int[]{5, 6}, 2, 2.0, 2.0, 2); // drops pdp 1.0
        local.drainInto(global, -4.0, 5.0);
        assertEquals(0, local.size());
        int[] order = global.order();
        assertEquals(2, order.length);
        assertEquals(3, global.node(order[0], 0));
        assertEquals(4.0 * 3 / 5, global.key(order[0]), 1e-15);
        assertEquals(5, global.node(order[1], 0));
    }
}
