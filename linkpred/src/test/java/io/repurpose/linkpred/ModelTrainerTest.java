package io.repurpose.linkpred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The spread floor of {@link ModelTrainer}'s standardisation, on synthetic rows (no graph). */
class ModelTrainerTest {
    static final int N = 8000;

    /** Column 0: a signal (Gaussian, shifted by 2.5 for positives, 1 row in 20); column 1: 0 except in 3 negatives. */
    static double[][] rows(boolean[] y) {
        Random r = new Random(5);
        double[][] x = new double[N][2];
        for (int i = 0; i < N; i++) {
            y[i] = i % 20 == 0;
            x[i][0] = r.nextGaussian() + (y[i] ? 2.5 : 0);
        }
        for (int i : new int[]{1, 2, 3}) {
            x[i][1] = 1;
        }
        return x;
    }

    /** The rare feature's part of the linear score on its three rows, over the signal's part per sd. */
    static double rareOverSignal(ModelTrainer trainer) {
        boolean[] y = new boolean[N];
        double[][] x = rows(y);
        LinearModel m = trainer.train(List.of("signal", "rare"), x, y, 7L, "synthetic").linear();
        double rare = Math.abs(m.contribution(1, 1) - m.contribution(1, 0));
        double signalPerSd = Math.abs(m.contribution(0, 1) - m.contribution(0, 0));
        return rare / signalPerSd;
    }

    @Test
    void aFeatureSeenInThreeRowsDoesNotDominateTheScore() {
        ModelTrainer trainer = new ModelTrainer(8, 0.1, 32);
        double without = rareOverSignal(trainer.withMaxStandardScore(Double.POSITIVE_INFINITY));
        double with = rareOverSignal(trainer);
        // without a floor the three rows are standardised to ~52 sd and AdaGrad moves the weight like any other:
        // the rare feature alone outweighs dozens of sd of the signal on its rows
        assertTrue(without > 20, "without the floor the rare feature should dominate, got " + without);
        assertTrue(with < ModelTrainer.MAX_STANDARD_SCORE + 1 && with < without / 5,
                "with the floor the rare feature's part should be a few signal sd at most, got " + with);
    }

    @Test
    void consumingTrainingGivesTheSameModelAndReleasesTheRows() {
        boolean[] y = new boolean[N];
        double[][] x = rows(y);
        // names out of Tribuo's (sorted) order, so the shared sorted name array must permute the values
        List<String> names = List.of("zeta-signal", "alpha-rare");
        ModelTrainer trainer = new ModelTrainer(8, 0.1, 32);
        ModelTrainer.Trained kept = trainer.train(names, x, y, 7L, "synthetic");
        double[][] copy = new double[N][];
        for (int i = 0; i < N; i++) {
            copy[i] = x[i].clone();
        }
        ModelTrainer.Trained consumed = trainer.trainConsuming(names, copy, y, 7L, "synthetic");
        assertArrayEquals(kept.linear().weights(), consumed.linear().weights(), 0.0);
        assertEquals(kept.linear().bias(), consumed.linear().bias(), 0.0);
        for (int i = 0; i < N; i++) {
            assertNull(copy[i], "row " + i + " released");
            assertEquals(consumed.linear().linear(x[i]), consumed.trainingScores()[i], 1e-9);
        }
        // Tribuo's own prediction agrees with the extracted logistic model on a row
        var ex = new org.tribuo.impl.ArrayExample<>(ModelTrainer.POSITIVE, names.toArray(String[]::new),
                ModelTrainer.standardise(x[0], consumed.linear().means(), consumed.linear().sds()));
        double p = consumed.tribuo().predict(ex).getOutputScores().get(ModelTrainer.POSITIVE.getLabel()).getScore();
        assertEquals(LinearModel.sigmoid(consumed.trainingScores()[0]), p, 1e-9);
        assertTrue(Math.abs(kept.linear().weights()[0]) > 0.5, "the signal is learnt: " + kept.linear().weights()[0]);
        // the same as Tribuo trained on its own ArrayExamples (which copy and sort names and values per row)
        java.util.List<org.tribuo.Example<org.tribuo.classification.Label>> plain = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) {
            plain.add(new org.tribuo.impl.ArrayExample<>(y[i] ? ModelTrainer.POSITIVE : ModelTrainer.NEGATIVE,
                    names.toArray(String[]::new), ModelTrainer.standardise(x[i], kept.linear().means(),
                    kept.linear().sds())));
        }
        var factory = new org.tribuo.classification.LabelFactory();
        var data = new org.tribuo.MutableDataset<>(plain,
                new org.tribuo.provenance.SimpleDataSourceProvenance("plain", factory), factory);
        var tribuo = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                new org.tribuo.classification.sgd.objectives.LogMulticlass(),
                new org.tribuo.math.optimisers.ParameterAveraging(new org.tribuo.math.optimisers.AdaGrad(0.1, 0.1)),
                8, N * 8, 32, 7L).train(data, java.util.Map.of());
        LinearModel reference = ModelTrainer.extract(tribuo, names, kept.linear().means(), kept.linear().sds());
        assertArrayEquals(reference.weights(), kept.linear().weights(), 0.0);
        assertEquals(reference.bias(), kept.linear().bias(), 0.0);
    }

    @Test
    void baggedModelIsTheMeanOfEachBagsMixedModel() {
        boolean[] y = new boolean[N];
        double[][] x = rows(y);
        int[] fold = new int[N];
        for (int i = 0; i < N; i++) {
            fold[i] = i % 3;
        }
        TrainingRows rows = new TrainingRows(x, y, new int[N], fold);
        int ratio = 9; // 400 positives, 7,600 negatives: two disjoint bags of 9 per positive leave 400 out
        int[][] bags = {rows.bag(ratio, 2, 0, 11L), rows.bag(ratio, 2, 1, 11L)};
        List<String> names = List.of("emb:signal", "dwpc:rare");
        double[][] copy = new double[N][];
        for (int i = 0; i < N; i++) {
            copy[i] = x[i].clone();
        }
        ModelTrainer trainer = new ModelTrainer(8, 0.1, 32);
        ModelTrainer.Mixed bagged = trainer.trainBaggedConsuming(names, copy, y, 0.3, bags, 7L, "synthetic");
        assertEquals(2, bagged.tribuo().bags());
        double[] mean = new double[2];
        double[] sd = ModelTrainer.spreads(x, 2, mean, ModelTrainer.MAX_STANDARD_SCORE);
        double[] w = new double[2];
        double bias = 0;
        for (int b = 0; b < 2; b++) {
            double[][] xb = new double[bags[b].length][];
            boolean[] yb = new boolean[xb.length];
            for (int i = 0; i < xb.length; i++) {
                xb[i] = x[bags[b][i]];
                yb[i] = y[bags[b][i]];
            }
            // each bag: Tribuo on the bag's rows with the standardisation of all rows, seed + b; the Rephetio-style
            // part sees only the dwpc: column
            LinearModel all = trainer.train(names, xb, yb, null, 7L + b, "bag", mean, sd).linear();
            LinearModel reph = trainer.train(List.of("dwpc:rare"), column(xb, 1), yb, null, 7L + b, "bag",
                    new double[]{mean[1]}, new double[]{sd[1]}).linear();
            LinearModel bag = bagged.tribuo().bag(b, names, mean, sd);
            assertEquals(0.7 * all.weights()[0], bag.weights()[0], 1e-12);
            assertEquals(0.7 * all.weights()[1] + 0.3 * reph.weights()[0], bag.weights()[1], 1e-12);
            w[0] += (0.7 * all.weights()[0]) / 2;
            w[1] += (0.7 * all.weights()[1] + 0.3 * reph.weights()[0]) / 2;
            bias += (0.7 * all.bias() + 0.3 * reph.bias()) / 2;
        }
        assertArrayEquals(w, bagged.linear().weights(), 1e-12);
        assertEquals(bias, bagged.linear().bias(), 1e-12);
        assertTrue(Math.abs(bagged.tribuo().bag(0, names, mean, sd).weights()[0]
                - bagged.tribuo().bag(1, names, mean, sd).weights()[0]) > 1e-6, "the bags differ");
        for (int i = 0; i < N; i++) {
            assertNull(copy[i], "row " + i + " released");
            assertEquals(bagged.linear().linear(x[i]), bagged.trainingScores()[i], 1e-9);
        }
    }

    private static double[][] column(double[][] x, int c) {
        double[][] out = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            out[i][0] = x[i][c];
        }
        return out;
    }

    @Test
    void hardnessWeightsFavourMisrankedRowsAndKeepEachClassTotal() {
        double[] scores = {3, -1, 0, -6, -2, 1, -4, -6};
        boolean[] y = {true, true, false, false, false, false, false, false};
        float[] w = ModelTrainer.hardnessWeights(scores, y, new ModelTrainer.Reweight(1, 1, false), 20);
        // the positive scored -1 is harder than the one scored 3; the negative scored 1 is the hardest negative
        assertTrue(w[1] > w[0], "hard positive up: " + w[1] + " vs " + w[0]);
        for (int i = 2; i < 8; i++) {
            for (int j = 2; j < 8; j++) {
                if (scores[i] > scores[j]) {
                    assertTrue(w[i] > w[j], "negative scored " + scores[i] + " outweighs " + scores[j]);
                }
            }
        }
        assertEquals(2.0, w[0] + w[1], 1e-6, "positives keep their total");
        assertEquals(6.0, w[2] + w[3] + w[4] + w[5] + w[6] + w[7], 1e-5, "negatives keep their total");
        // p = sigmoid(1) against the negatives' mean p, hardness over its class mean, exactly
        double[] p = new double[8];
        double mean = 0;
        for (int i = 2; i < 8; i++) {
            p[i] = LinearModel.sigmoid(scores[i]);
            mean += p[i] / 6;
        }
        assertEquals(p[5] / mean, w[5], 1e-5);
        float[] half = ModelTrainer.hardnessWeights(scores, y, new ModelTrainer.Reweight(1, 0.5, true), 20);
        assertEquals(1f, half[0], 0f, "negatives only: positives keep weight 1");
        assertEquals(1f, half[1], 0f);
        assertEquals(0.5 + 0.5 * p[5] / mean, half[5], 1e-5, "half uniform, half hardness");
        float[] none = ModelTrainer.hardnessWeights(scores, y, new ModelTrainer.Reweight(2, 0, false), 20);
        for (float v : none) {
            assertEquals(1f, v, 1e-6f, "share 0 leaves every weight 1");
        }
        float[] capped = ModelTrainer.hardnessWeights(scores, y, new ModelTrainer.Reweight(1, 1, false), 1.5);
        assertTrue(capped[5] < w[5], "the cap bounds the hardest negative: " + capped[5]);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelTrainer.hardnessWeights(scores, y, new ModelTrainer.Reweight(-1, 1, false), 20));
    }

    @Test
    void reweightedMixedFitIsTribuoOnTheWeightedRows() {
        boolean[] y = new boolean[N];
        double[][] x = rows(y);
        Random r = new Random(11);
        double[][] wide = new double[N][];
        for (int i = 0; i < N; i++) {
            // a DWPC-named signal for the Rephetio-style part, a noisy kNN-named copy for the rest
            wide[i] = new double[]{x[i][0], x[i][0] + r.nextGaussian(), x[i][1]};
        }
        List<String> names = List.of(FeatureSpace.DWPC + "CbGaD", FeatureSpace.KNN + "max", "rare");
        ModelTrainer trainer = new ModelTrainer(8, 0.1, 32);
        ModelTrainer.Reweight rw = new ModelTrainer.Reweight(1, 0.5, false);
        ModelTrainer.Mixed first = trainer.trainMixedConsuming(names, copy(wide), y, 0.3, null, 7L, "synthetic");
        ModelTrainer.Mixed second = trainer.trainMixedConsuming(names, copy(wide), y, 0.3, rw, 7L, "synthetic");
        float[] w = ModelTrainer.hardnessWeights(first.trainingScores(), y, rw, ModelTrainer.Reweight.CAP);
        double[] mean = second.linear().means();
        double[] sd = second.linear().sds();
        // every feature's Tribuo model on the weighted rows, and the Rephetio-style one on its DWPC column
        LinearModel all = trainer.train(names, copy(wide), y, w, 7L, "synthetic", mean, sd).linear();
        double[][] dwpc = new double[N][];
        for (int i = 0; i < N; i++) {
            dwpc[i] = new double[]{wide[i][0]};
        }
        LinearModel reph = trainer.train(List.of(names.get(0)), dwpc, y, w, 7L, "synthetic",
                new double[]{mean[0]}, new double[]{sd[0]}).linear();
        double[] expected = {0.7 * all.weights()[0] + 0.3 * reph.weights()[0], 0.7 * all.weights()[1],
                0.7 * all.weights()[2]};
        assertArrayEquals(expected, second.linear().weights(), 1e-12);
        assertEquals(0.7 * all.bias() + 0.3 * reph.bias(), second.linear().bias(), 1e-12);
        // the weights changed the model (Tribuo read them), and the scores are the second model's
        assertTrue(Math.abs(second.linear().weights()[0] - first.linear().weights()[0]) > 1e-3,
                "reweighting changes the fit: " + second.linear().weights()[0] + " vs " + first.linear().weights()[0]);
        assertEquals(second.linear().linear(wide[5]), second.trainingScores()[5], 1e-9);
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    @Test
    void floorBoundsStandardisedValues() {
        boolean[] y = new boolean[N];
        double[][] x = rows(y);
        double[] mean = new double[2];
        double[] sd = ModelTrainer.spreads(x, 2, mean, ModelTrainer.MAX_STANDARD_SCORE);
        double[] mean0 = new double[2];
        double[] sd0 = ModelTrainer.spreads(x, 2, mean0, Double.POSITIVE_INFINITY);
        double range = 0;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] r : x) {
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[0]);
        }
        range = hi - lo;
        assertEquals(Math.max(sd0[0], range / ModelTrainer.MAX_STANDARD_SCORE), sd[0], 1e-12);
        assertEquals(mean0[1], mean[1], 0.0);
        assertTrue(sd0[1] < 0.02, "the rare feature's sample sd is tiny: " + sd0[1]);
        assertEquals(1.0 / ModelTrainer.MAX_STANDARD_SCORE, sd[1], 1e-12, "floored at range / max score");
        for (double[] r : x) {
            double[] z = ModelTrainer.standardise(r, mean, sd);
            for (double v : z) {
                assertTrue(Math.abs(v) <= ModelTrainer.MAX_STANDARD_SCORE, "standardised " + v);
            }
        }
        double[] constant = ModelTrainer.spreads(new double[][]{{2}, {2}}, 1, new double[1], 3);
        assertEquals(1.0, constant[0], 0.0, "a constant feature is left unscaled");
        double[] balanced = ModelTrainer.spreads(new double[][]{{0}, {1}, {0}, {1}}, 1, new double[1], 2);
        assertEquals(Math.sqrt(1.0 / 3), balanced[0], 1e-12, "within the floor: the sample sd");
    }
}
