package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains Tribuo's {@link LinearSGDTrainer} with logistic loss on standardised rows, and turns the Tribuo
 * model into a {@link LinearModel}. Standardisation (mean, sd from the training rows) happens here so
 * the model's linear score can be decomposed per feature.
 */
final class ModelTrainer {
    static final Label POSITIVE = new Label("treats");
    static final Label NEGATIVE = new Label("other");

    /**
     * No training row's standardised value lies farther than this from the feature's mean: the spread used
     * for standardising is {@code max(sd, (max - min) / MAX_STANDARD_SCORE)} over the training rows. A
     * feature that is non-zero in a fraction p of the rows has sd ≈ v·√p, so by its sd alone its rare rows
     * would be standardised to ≈ 1/√p (≈ 50 for 3 rows in 8,000; literature edge types in a few rows), and
     * since AdaGrad moves every weight by about the learning rate per step whatever the scale of its
     * feature, such a feature swings the logit by tens on its rows (test: {@code ModelTrainerTest}).
     * Since sd ≤ range / 2 for any data (Popoviciu), a divisor ≤ 2 makes the floor bind for every feature:
     * with 1, every feature is centred at its training mean and divided by its training range. Chosen with
     * {@code LinkPredCli tune --variants spread|spread2 --seed 7} (folds 0–2 of a split other than the
     * evaluation's): CV AUROC / AUPRC without a floor and with 10, 5, 3, 2, 1.5, 1 = 0.9693 / 0.4615,
     * 0.9709 / 0.4637, 0.9741 / 0.4655, 0.9767 / 0.4662, 0.9786 / 0.4679, 0.9797 / 0.4683, 0.9809 / 0.4680 on
     * curated Hetionet; with the 194 literature edges of the full run 0.8700 / 0.0817 without, 0.9769 / 0.2749
     * with 3 (smaller divisors not run there).
     */
    static final double MAX_STANDARD_SCORE = 1;

    /**
     * Share of a Rephetio-style model (the DWPC and degree features only, trained by Tribuo on the same rows
     * with the same standardisation) in the model's linear score: {@code z = (1 - mix) z_all + mix z_rephetio},
     * again one linear model over the same features, so explanations still add up. Chosen with
     * {@code LinkPredCli tune --variants s6|s6b --seed 7} (folds 0–2 of a split other than the evaluation's) as
     * the highest mean AUPRC among the variants with mean AUROC ≥ 0.98: 0.3 with {@link DerivedFeatures#DEFAULT}
     * gave 0.9807 / 0.4866 against 0.9807 / 0.4801 for session 5's model (README, session 6).
     */
    static final double REPHETIO_MIX = 0.3;

    private final int epochs;
    private final int minibatch;
    private final java.util.function.IntFunction<StochasticGradientOptimiser> optimiser;
    private final double maxStandardScore;

    /**
     * AdaGrad with parameter averaging (the model is the average of the SGD iterates): on these few,
     * imbalanced positives the last iterate of plain AdaGrad is noisy, and averaging raised CV AUPRC by
     * about 0.03 ({@code LinkPredCli tune}).
     */
    ModelTrainer(int epochs, double learningRate, int minibatch) {
        this(epochs, minibatch, nf -> new ParameterAveraging(new AdaGrad(learningRate, 0.1)));
    }

    /** @param optimiser the SGD optimiser for a given number of features */
    ModelTrainer(int epochs, int minibatch, java.util.function.IntFunction<StochasticGradientOptimiser> optimiser) {
        this(epochs, minibatch, optimiser, MAX_STANDARD_SCORE);
    }

    /**
     * @param maxStandardScore the floor on the spread as {@code (max - min) / maxStandardScore};
     *                         {@code Double.POSITIVE_INFINITY} = no floor (session 2; for same-run comparisons)
     */
    ModelTrainer(int epochs, int minibatch, java.util.function.IntFunction<StochasticGradientOptimiser> optimiser,
                 double maxStandardScore) {
        if (!(maxStandardScore > 0)) {
            throw new IllegalArgumentException("maxStandardScore must be > 0, got " + maxStandardScore);
        }
        this.epochs = epochs;
        this.minibatch = minibatch;
        this.optimiser = optimiser;
        this.maxStandardScore = maxStandardScore;
    }

    /** The default trainer with another spread floor ({@code Double.POSITIVE_INFINITY} = none). */
    ModelTrainer withMaxStandardScore(double max) {
        return new ModelTrainer(epochs, minibatch, optimiser, max);
    }

    /** A trained model: Tribuo's (with its provenance) and the extracted linear form. */
    record Trained(LinearSGDModel tribuo, LinearModel linear, double[] trainingScores) {
    }

    Trained train(List<String> names, double[][] rows, boolean[] labels, long seed, String dataDescription) {
        return train(names, rows, labels, null, seed, dataDescription);
    }

    /** @param weights per-row example weights (Tribuo's weighted SGD), or null for 1 each */
    Trained train(List<String> names, double[][] rows, boolean[] labels, float[] weights, long seed,
                  String dataDescription) {
        double[] mean = new double[names.size()];
        double[] sd = spreads(rows, names.size(), mean, maxStandardScore);
        return train(names, rows, labels, weights, seed, dataDescription, mean, sd);
    }

    /** Trains on rows standardised with the given means and spreads (the rows are left as they are). */
    Trained train(List<String> names, double[][] rows, boolean[] labels, float[] weights, long seed,
                  String dataDescription, double[] mean, double[] sd) {
        return train(names, rows, labels, weights, seed, dataDescription, mean, sd, false);
    }

    /**
     * Trains like {@link #train(List, double[][], boolean[], long, String)} but releases each row
     * ({@code rows[i] = null}) once its Tribuo example is built, so the raw rows and the examples are never
     * both held in full (152k rows × 244 features is ~300 MB per copy at 200 negatives per positive). The
     * model is the same; {@link Trained#trainingScores()} gives the linear score of every row.
     */
    Trained trainConsuming(List<String> names, double[][] rows, boolean[] labels, long seed, String dataDescription) {
        double[] mean = new double[names.size()];
        double[] sd = spreads(rows, names.size(), mean, maxStandardScore);
        return train(names, rows, labels, null, seed, dataDescription, mean, sd, true);
    }

    private Trained train(List<String> names, double[][] rows, boolean[] labels, float[] weights, long seed,
                          String dataDescription, double[] mean, double[] sd, boolean consume) {
        int nf = names.size();
        // Tribuo keeps an example's features sorted by name; one sorted name array is shared by every example
        // (ArrayExample's own constructor copies the names and the values per row)
        Integer[] order = new Integer[nf];
        for (int f = 0; f < nf; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
        String[] sorted = new String[nf];
        int[] perm = new int[nf];
        for (int j = 0; j < nf; j++) {
            perm[j] = order[j];
            sorted[j] = names.get(order[j]);
            if (j > 0 && sorted[j].equals(sorted[j - 1])) {
                throw new IllegalArgumentException("duplicate feature name " + sorted[j]);
            }
        }
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            double[] z = new double[nf];
            for (int j = 0; j < nf; j++) {
                int f = perm[j];
                z[j] = (rows[i][f] - mean[f]) / sd[f];
            }
            examples.add(new RowExample(labels[i] ? POSITIVE : NEGATIVE, weights == null ? 1f : weights[i], sorted, z));
            if (consume) {
                rows[i] = null;
            }
        }
        MutableDataset<Label> data = new MutableDataset<>(examples,
                new SimpleDataSourceProvenance(dataDescription, new LabelFactory()), new LabelFactory());
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser.apply(nf), epochs,
                Math.max(1, rows.length * epochs), minibatch, seed);
        LinearSGDModel model = trainer.train(data, Map.of());
        LinearModel linear = extract(model, names, mean, sd);
        double[] scores = new double[examples.size()];
        for (int i = 0; i < scores.length; i++) {
            double[] z = ((RowExample) examples.get(i)).values();
            double s = linear.bias();
            for (int j = 0; j < nf; j++) {
                s += linear.weights()[perm[j]] * z[j];
            }
            scores[i] = s;
        }
        return new Trained(model, linear, scores);
    }

    /**
     * Tribuo's model on every feature and, when {@code mix > 0}, Tribuo's Rephetio-style model on the DWPC and
     * degree features of the same rows; the linear model is their mix ({@link #REPHETIO_MIX}).
     */
    record TribuoModels(LinearSGDModel all, LinearSGDModel rephetio, double mix) {
        TribuoModels {
            if (!(mix >= 0 && mix < 1) || (mix > 0 && rephetio == null)) {
                throw new IllegalArgumentException("mix must be in [0, 1) with a Rephetio-style model, got " + mix);
            }
        }

        /** The mixed linear model over {@code names} (a feature a model does not use has weight 0 in it). */
        LinearModel linear(List<String> names, double[] mean, double[] sd) {
            LinearModel a = extract(all, names, mean, sd);
            if (mix == 0) {
                return a;
            }
            LinearModel b = extract(rephetio, names, mean, sd);
            double[] w = new double[names.size()];
            for (int f = 0; f < w.length; f++) {
                w[f] = (1 - mix) * a.weights()[f] + mix * b.weights()[f];
            }
            return new LinearModel(names, mean, sd, w, (1 - mix) * a.bias() + mix * b.bias());
        }
    }

    /** A trained mixed model: the Tribuo models, the mixed linear model and its score on every training row. */
    record Mixed(TribuoModels tribuo, LinearModel linear, double[] trainingScores) {
    }

    /**
     * Trains Tribuo on every feature and a Rephetio-style model on the features named {@code dwpc:…} and
     * {@code degree:…} of the same rows, both standardised with the spreads of all rows, and mixes them
     * ({@code mix} of the Rephetio-style model's score); releases the rows like {@link #trainConsuming}.
     */
    Mixed trainMixedConsuming(List<String> names, double[][] rows, boolean[] labels, double mix, long seed,
                              String dataDescription) {
        int nf = names.size();
        double[] mean = new double[nf];
        double[] sd = spreads(rows, nf, mean, maxStandardScore);
        if (mix == 0) {
            Trained t = train(names, rows, labels, null, seed, dataDescription, mean, sd, true);
            return new Mixed(new TribuoModels(t.tribuo(), null, 0), t.linear(), t.trainingScores());
        }
        List<Integer> part = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            if (names.get(f).startsWith(FeatureSpace.DWPC) || names.get(f).startsWith(FeatureSpace.DEGREE)) {
                part.add(f);
            }
        }
        List<String> pn = new ArrayList<>();
        double[] pm = new double[part.size()];
        double[] ps = new double[part.size()];
        double[][] px = new double[rows.length][part.size()];
        for (int j = 0; j < part.size(); j++) {
            int f = part.get(j);
            pn.add(names.get(f));
            pm[j] = mean[f];
            ps[j] = sd[f];
            for (int i = 0; i < rows.length; i++) {
                px[i][j] = rows[i][f];
            }
        }
        Trained r = train(pn, px, labels, null, seed, dataDescription + " (Rephetio-style part)", pm, ps, true);
        Trained a = train(names, rows, labels, null, seed, dataDescription, mean, sd, true);
        TribuoModels t = new TribuoModels(a.tribuo(), r.tribuo(), mix);
        double[] scores = new double[labels.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (1 - mix) * a.trainingScores()[i] + mix * r.trainingScores()[i];
        }
        return new Mixed(t, t.linear(names, mean, sd), scores);
    }

    /** An example over a shared, sorted name array and its own standardised values (no copies). */
    static final class RowExample extends org.tribuo.impl.ArrayExample<Label> {
        private static final long serialVersionUID = 1L;

        RowExample(Label output, float weight, String[] sortedNames, double[] values) {
            super(output, weight, 0);
            this.featureNames = sortedNames;
            this.featureValues = values;
            this.size = values.length;
        }

        double[] values() {
            return featureValues;
        }
    }

    /**
     * Fills {@code mean} and returns the spread of each feature over the rows: the sample standard
     * deviation, at least {@code (max - min) / maxStandardScore}; 1 for a constant feature.
     */
    static double[] spreads(double[][] rows, int nf, double[] mean, double maxStandardScore) {
        double[] sd = new double[nf];
        double[] min = new double[nf];
        double[] max = new double[nf];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int f = 0; f < nf; f++) {
                mean[f] += r[f];
                min[f] = Math.min(min[f], r[f]);
                max[f] = Math.max(max[f], r[f]);
            }
        }
        for (int f = 0; f < nf; f++) {
            mean[f] /= rows.length;
        }
        for (double[] r : rows) {
            for (int f = 0; f < nf; f++) {
                double d = r[f] - mean[f];
                sd[f] += d * d;
            }
        }
        for (int f = 0; f < nf; f++) {
            sd[f] = Math.max(Math.sqrt(sd[f] / Math.max(1, rows.length - 1)), (max[f] - min[f]) / maxStandardScore);
            if (!(sd[f] > 1e-12)) {
                sd[f] = 1;
            }
        }
        return sd;
    }

    static double[] standardise(double[] raw, double[] mean, double[] sd) {
        double[] out = new double[raw.length];
        for (int f = 0; f < raw.length; f++) {
            out[f] = (raw[f] - mean[f]) / sd[f];
        }
        return out;
    }

    /** Positive minus negative class weights; the bias is the last column of Tribuo's weight matrix. */
    static LinearModel extract(LinearSGDModel model, List<String> names, double[] mean, double[] sd) {
        DenseMatrix w = model.getWeightsCopy();
        int pos = model.getOutputIDInfo().getID(POSITIVE);
        int neg = model.getOutputIDInfo().getID(NEGATIVE);
        if (pos < 0 || neg < 0) {
            throw new IllegalStateException("training data must hold both labels, got " + model.getOutputIDInfo());
        }
        var fmap = model.getFeatureIDMap();
        double[] weights = new double[names.size()];
        for (int f = 0; f < names.size(); f++) {
            int id = fmap.getID(names.get(f));
            weights[f] = id < 0 ? 0 : w.get(pos, id) - w.get(neg, id);
        }
        int biasCol = w.getDimension2Size() - 1;
        double bias = w.get(pos, biasCol) - w.get(neg, biasCol);
        return new LinearModel(names, mean, sd, weights, bias);
    }
}
