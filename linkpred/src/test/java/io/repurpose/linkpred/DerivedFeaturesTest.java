package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Names, choice and arithmetic of {@link DerivedFeatures} on hand-made rows (no graph). */
class DerivedFeaturesTest {
    static final List<String> BASE = List.of("dwpc:CbGaD", "emb:hadamard0", "degree:Compound:TREATS_CtD>", "knn:x:max");

    /** Column 0 separates perfectly, column 2 a little, column 3 not at all; column 1 is a Hadamard term. */
    static double[][] rows(boolean[] y) {
        double[][] x = new double[8][];
        for (int i = 0; i < 8; i++) {
            y[i] = i < 4;
            x[i] = new double[]{y[i] ? 2 + i : -i, i * 0.5, i % 3 == 0 ? 1 : 0.5 * i, 0.25 * (i % 2)};
        }
        return x;
    }

    @Test
    void squaresSkipHadamardTermsAndExtendRowsWithTheSameArithmetic() {
        boolean[] y = new boolean[8];
        double[][] x = rows(y);
        List<String> d = DerivedFeatures.choose("sq", BASE, x, y);
        assertEquals(List.of("sq:dwpc:CbGaD", "sq:degree:Compound:TREATS_CtD>", "sq:knn:x:max"), d);
        double[][] ext = rows(y);
        DerivedFeatures.extend(ext, DerivedFeatures.ops(BASE, d));
        for (int i = 0; i < 8; i++) {
            assertEquals(7, ext[i].length);
            assertEquals(x[i][0] * x[i][0], ext[i][4], 0.0);
            assertEquals(x[i][2] * x[i][2], ext[i][5], 0.0);
            assertEquals(x[i][3] * x[i][3], ext[i][6], 0.0);
        }
        assertTrue(DerivedFeatures.choose("", BASE, x, y).isEmpty());
    }

    @Test
    void productsOfTheMostSeparatingFeaturesAndHingesAtPositiveQuantiles() {
        boolean[] y = new boolean[8];
        double[][] x = rows(y);
        List<String> p = DerivedFeatures.choose("prod2", BASE, x, y);
        assertEquals(List.of("prod:dwpc:CbGaD*degree:Compound:TREATS_CtD>"), p);
        List<String> h = DerivedFeatures.choose("hinge1", BASE, x, y);
        // positives of column 0 are 2, 3, 4, 5: the median-position knot is 3 (index floor(3 / 2) = 1)
        assertEquals("hinge:dwpc:CbGaD@3.0", h.get(0));
        double[][] ext = rows(y);
        DerivedFeatures.Op[] ops = DerivedFeatures.ops(BASE, List.of(p.get(0), h.get(0)));
        DerivedFeatures.extend(ext, ops);
        for (int i = 0; i < 8; i++) {
            assertEquals(x[i][0] * x[i][2], ext[i][4], 0.0);
            assertEquals(Math.max(0, x[i][0] - 3.0), ext[i][5], 0.0);
        }
        // negatives of column 2 are 0.5*i for i = 4, 5, 7 and 1 for i = 6: sorted 1, 2, 2.5, 3.5; the 0.9 quantile
        // position floor(0.9 * 3) = 2 gives 2.5, the 0.99 one floor(0.99 * 3) = 2 again (not repeated)
        List<String> n = DerivedFeatures.choose("nhinge2", BASE, x, y);
        assertTrue(n.contains("hinge:degree:Compound:TREATS_CtD>@2.5"), n.toString());
        assertEquals(1, n.stream().filter(s -> s.startsWith("hinge:degree:")).count(), n.toString());
        assertTrue(n.stream().noneMatch(s -> s.contains("hadamard")), n.toString());
        assertEquals(h, DerivedFeatures.choose("hinge1+hinge1", BASE, x, y), "a term named twice is kept once");
        assertThrows(IllegalArgumentException.class, () -> DerivedFeatures.ops(BASE, List.of("sq:unknown")));
        assertThrows(IllegalArgumentException.class, () -> DerivedFeatures.ops(BASE, List.of("hinge:knn:x:max")));
        assertThrows(IllegalArgumentException.class, () -> DerivedFeatures.choose("cube", BASE, x, y));
    }
}
