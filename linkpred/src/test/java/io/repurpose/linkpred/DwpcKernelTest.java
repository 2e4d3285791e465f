package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The kernels under {@link Dwpc} on random sparse matrices, without Neo4j: {@link HetGraph.Csr#of} (counting
 * sort, session 6) and the sparse suffix product {@link Dwpc.SparseRows#product} against plain loops.
 */
class DwpcKernelTest {

    @Test
    void csrRowsAreSortedAndDeduplicated() {
        Random r = new Random(11);
        for (int round = 0; round < 50; round++) {
            int rows = 1 + r.nextInt(30);
            int cols = 1 + r.nextInt(30);
            int n = r.nextInt(200);
            int[] from = new int[n + 3]; // longer than n: only the first n edges count
            int[] to = new int[n + 3];
            TreeSet<Long> expected = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                from[i] = r.nextInt(rows);
                to[i] = r.nextInt(cols);
                expected.add((long) from[i] * cols + to[i]);
            }
            HetGraph.Csr csr = HetGraph.Csr.of(rows, cols, from, to, n);
            assertEquals(expected.size(), csr.nnz());
            int i = 0;
            for (long e : expected) {
                int row = (int) (e / cols);
                assertTrue(csr.rowPtr()[row] <= i && i < csr.rowPtr()[row + 1], "edge " + e + " in row " + row);
                assertEquals((int) (e % cols), csr.col()[i++]);
            }
        }
    }

    @Test
    void sparseSuffixProductEqualsTheDenseProduct() {
        Random r = new Random(5);
        for (int round = 0; round < 50; round++) {
            int n1 = 1 + r.nextInt(20);
            int n2 = 1 + r.nextInt(20);
            int nt = 1 + r.nextInt(15);
            Dwpc.Weighted w2 = random(r, n1, n2);
            Dwpc.Weighted w3 = random(r, n2, nt);
            boolean[] needed = new boolean[n1];
            for (int k = 0; k < n1; k++) {
                needed[k] = r.nextInt(4) > 0;
            }
            Dwpc.SparseRows s = Dwpc.SparseRows.product(w2, w3, nt, needed);
            for (int k1 = 0; k1 < n1; k1++) {
                double[] expected = new double[nt];
                if (needed[k1]) {
                    for (int k2 = 0; k2 < n2; k2++) {
                        for (int d = 0; d < nt; d++) {
                            expected[d] += w2.get(k1, k2) * w3.get(k2, d);
                        }
                    }
                }
                double[] got = new double[nt];
                TreeSet<Integer> seen = new TreeSet<>();
                for (int j = s.ptr[k1]; j < s.ptr[k1 + 1]; j++) {
                    assertTrue(seen.add(s.col[j]), "column listed once");
                    got[s.col[j]] = s.val[j];
                }
                assertArrayEquals(expected, got, 1e-12, "row " + k1);
            }
        }
    }

    private static Dwpc.Weighted random(Random r, int rows, int cols) {
        int n = r.nextInt(rows * cols + 1);
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = r.nextInt(rows);
            to[i] = r.nextInt(cols);
        }
        HetGraph.Csr csr = HetGraph.Csr.of(rows, cols, from, to, n);
        double[] w = new double[(int) csr.nnz()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.1 + r.nextDouble();
        }
        return new Dwpc.Weighted(csr, w);
    }
}
