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
     * gave 0.9807 / 0.4866 against 0.9807 / 0.4801 for session 5's model (docs/history/linkpred.md, session 6).
     * Session 7's rule chose 0.5 with 200 negatives and {@link #REWEIGHT} ({@code tune --variants s8b}), not adopted:
     * its pipeline reached the heap cap (docs/history/linkpred.md, session 7). Session 8's rule chose 0.15 with
     * {@link #BAGS} 4 ({@code tune --variants s10}: 0.9805 / 0.4945 against 0.9812 / 0.4895 with 0.3 and 0.9795 /
     * 0.4961 with 0; seed-42 evaluate 0.9823 / 0.4976 against 0.9823 / 0.4921 with 0.3; docs/history/linkpred.md,
     * session 8).
     */
    static final double REPHETIO_MIX = 0.15;

    /**
     * A second fit weighted by the first fit's focal-style hardness ({@link #trainMixedConsuming},
     * {@link #hardnessWeights}); null = none, the default. At 50 negatives per positive, gamma 1 with half
     * uniform weights moved seed-7 mean AUPRC by +0.0010 and +0.0005 in two runs ({@code tune --variants s8|s8b}):
     * noise-sized (docs/history/linkpred.md, session 7).
     */
    static final Reweight REWEIGHT = null;

    /**
     * Bagged negatives: the training rows hold {@code BAGS} times the configured negatives per positive, split
     * into {@code BAGS} disjoint bags ({@link TrainingRows#bag}), each with every positive; one mixed model is
     * fitted per bag (one after another, on the same standardisation) and their weights and intercepts are
     * averaged, which is again one linear model over the same features, so explanations still add up. 1 = one
     * model on every row (session 6). Chosen with {@code LinkPredCli tune --variants s9 --seed 7} (folds 0–2 of a
     * split other than the evaluation's) as the highest mean AUPRC among the variants with mean AUROC ≥ 0.98: 4 bags
     * gave 0.9812 / 0.4895 against 0.9802 / 0.4845 for one 50:1 model on the same rows; confirmed once on seed 42
     * ({@code evaluate}: 0.9823 / 0.4921 against 0.9812 / 0.4897), bench peak heap 3.29 GB
     * (docs/history/linkpred.md, session 8).
     */
    static final int BAGS = 4;

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
        return prepare(names, rows, labels, weights, dataDescription, mean, sd, consume).fit(seed);
    }

    /** Standardised Tribuo examples of rows, ready to fit (and to fit again with other example weights). */
    private Prepared prepare(List<String> names, double[][] rows, boolean[] labels, float[] weights,
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
        return new Prepared(names, mean, sd, perm, examples, data);
    }

    /** Examples over {@code names} standardised with {@code mean} and {@code sd}; the dataset holds them. */
    private final class Prepared {
        private final List<String> names;
        private final double[] mean;
        private final double[] sd;
        private final int[] perm;
        private final List<Example<Label>> examples;
        private final MutableDataset<Label> data;

        Prepared(List<String> names, double[] mean, double[] sd, int[] perm, List<Example<Label>> examples,
                 MutableDataset<Label> data) {
            this.names = names;
            this.mean = mean;
            this.sd = sd;
            this.perm = perm;
            this.examples = examples;
            this.data = data;
        }

        /** Sets every example's weight (Tribuo's weighted SGD reads them when a fit starts). */
        void weigh(float[] weights) {
            if (weights.length != examples.size()) {
                throw new IllegalArgumentException("need " + examples.size() + " weights, got " + weights.length);
            }
            for (int i = 0; i < weights.length; i++) {
                examples.get(i).setWeight(weights[i]);
            }
        }

        Trained fit(long seed) {
            int nf = names.size();
            LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser.apply(nf), epochs,
                    Math.max(1, examples.size() * epochs), minibatch, seed);
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
    }

    /**
     * Tribuo's model on every feature and, when {@code mix > 0}, Tribuo's Rephetio-style model on the DWPC and
     * degree features of the same rows, per bag ({@link #BAGS}); the linear model is the mean over the bags of
     * their mix ({@link #REPHETIO_MIX}).
     */
    record TribuoModels(List<LinearSGDModel> all, List<LinearSGDModel> rephetio, double mix) {
        TribuoModels {
            if (!(mix >= 0 && mix < 1) || (mix > 0 && (rephetio == null || rephetio.size() != all.size()))) {
                throw new IllegalArgumentException("mix must be in [0, 1) with a Rephetio-style model per bag, got "
                        + mix);
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("need at least one bag");
            }
            all = List.copyOf(all);
            rephetio = rephetio == null ? null : List.copyOf(rephetio);
        }

        /** One bag (session 6). */
        TribuoModels(LinearSGDModel all, LinearSGDModel rephetio, double mix) {
            this(List.of(all), rephetio == null ? null : List.of(rephetio), mix);
        }

        int bags() {
            return all.size();
        }

        /** The mixed linear model over {@code names} (a feature a model does not use has weight 0 in it). */
        LinearModel linear(List<String> names, double[] mean, double[] sd) {
            if (all.size() == 1) { // the session-6 arithmetic, bit for bit
                return bag(0, names, mean, sd);
            }
            double[] w = new double[names.size()];
            double bias = 0;
            for (int b = 0; b < all.size(); b++) {
                LinearModel m = bag(b, names, mean, sd);
                for (int f = 0; f < w.length; f++) {
                    w[f] += m.weights()[f] / all.size();
                }
                bias += m.bias() / all.size();
            }
            return new LinearModel(names, mean, sd, w, bias);
        }

        /** Bag {@code b}'s mixed linear model. */
        LinearModel bag(int b, List<String> names, double[] mean, double[] sd) {
            return mixed(extract(all.get(b), names, mean, sd),
                    mix == 0 ? null : extract(rephetio.get(b), names, mean, sd), mix);
        }

        private static LinearModel mixed(LinearModel a, LinearModel b, double mix) {
            if (b == null) {
                return a;
            }
            double[] w = new double[a.weights().length];
            for (int f = 0; f < w.length; f++) {
                w[f] = (1 - mix) * a.weights()[f] + mix * b.weights()[f];
            }
            return new LinearModel(a.features(), a.means(), a.sds(), w, (1 - mix) * a.bias() + mix * b.bias());
        }
    }

    /** A trained mixed model: the Tribuo models, the mixed linear model and its score on every training row. */
    record Mixed(TribuoModels tribuo, LinearModel linear, double[] trainingScores) {
    }

    /**
     * Trains Tribuo on every feature and a Rephetio-style model on the features named {@code dwpc:…} and
     * {@code degree:…} of the same rows, both standardised with the spreads of all rows, and mixes them
     * ({@code mix} of the Rephetio-style model's score); releases the rows like {@link #trainConsuming}.
     * With a {@code reweight}, both are fitted again on the same examples weighted by
     * {@link #hardnessWeights} of the first mixed fit's training-row scores, and the second fits are the model.
     */
    Mixed trainMixedConsuming(List<String> names, double[][] rows, boolean[] labels, double mix, Reweight reweight,
                              long seed, String dataDescription) {
        int nf = names.size();
        double[] mean = new double[nf];
        double[] sd = spreads(rows, nf, mean, maxStandardScore);
        String description = reweight == null ? dataDescription : dataDescription + ", reweighted " + reweight;
        Prepared r = mix > 0 ? rephetioPart(names, rows, labels, description, mean, sd) : null;
        Prepared a = prepare(names, rows, labels, null, description, mean, sd, true);
        Mixed first = mixed(a, r, mix, seed);
        if (reweight == null) {
            return first;
        }
        float[] w = hardnessWeights(first.trainingScores(), labels, reweight, Reweight.CAP);
        a.weigh(w);
        if (r != null) {
            r.weigh(w);
        }
        return mixed(a, r, mix, seed);
    }

    /**
     * The module's model on training rows collected with {@code negativesPerPositive * BAGS} negatives per positive:
     * {@link #trainMixedConsuming} ({@link #REPHETIO_MIX}, {@link #REWEIGHT}) with one bag, else
     * {@link #trainBaggedConsuming} over {@link #BAGS} disjoint bags of {@code negativesPerPositive} each. Releases
     * the rows.
     */
    Mixed trainMixed(List<String> names, TrainingRows rows, int negativesPerPositive, long seed, String description) {
        if (BAGS == 1) {
            return trainMixedConsuming(names, rows.features(), rows.labels(), REPHETIO_MIX, REWEIGHT, seed, description);
        }
        if (REWEIGHT != null) {
            throw new IllegalStateException("a reweighted refit needs one bag, got " + BAGS);
        }
        int[][] bags = new int[BAGS][];
        for (int b = 0; b < BAGS; b++) {
            bags[b] = rows.bag(negativesPerPositive, BAGS, b, seed);
        }
        return trainBaggedConsuming(names, rows.features(), rows.labels(), REPHETIO_MIX, bags, seed, description);
    }

    /** The Rephetio-style part's examples: the {@code dwpc:…} and {@code degree:…} columns of the rows. */
    private Prepared rephetioPart(List<String> names, double[][] rows, boolean[] labels, String description,
                                  double[] mean, double[] sd) {
        RephetioColumns p = RephetioColumns.of(names, rows, mean, sd);
        return prepare(p.names(), p.rows(), labels, null, description + " (Rephetio-style part)", p.mean(), p.sd(),
                true);
    }

    /**
     * The columns of {@code rows} named {@code dwpc:…} and {@code degree:…} (at {@code positions} of the full
     * feature list), with their names and the full standardisation's means and spreads.
     */
    record RephetioColumns(int[] positions, List<String> names, double[] mean, double[] sd, double[][] rows) {
        static RephetioColumns of(List<String> names, double[][] rows, double[] mean, double[] sd) {
            int[] part = java.util.stream.IntStream.range(0, names.size()).filter(f ->
                    names.get(f).startsWith(FeatureSpace.DWPC) || names.get(f).startsWith(FeatureSpace.DEGREE)).toArray();
            List<String> pn = new ArrayList<>();
            double[] pm = new double[part.length];
            double[] ps = new double[part.length];
            double[][] px = new double[rows.length][part.length];
            for (int j = 0; j < part.length; j++) {
                int f = part[j];
                pn.add(names.get(f));
                pm[j] = mean[f];
                ps[j] = sd[f];
                for (int i = 0; i < rows.length; i++) {
                    px[i][j] = rows[i][f];
                }
            }
            return new RephetioColumns(part, pn, pm, ps, px);
        }
    }

    /**
     * Bagged negatives ({@link #BAGS}): one mixed model ({@link #trainMixedConsuming}) per bag of row indexes
     * ({@link TrainingRows#bag}), each fitted with seed {@code seed + b} on the standardisation of all the rows,
     * one after another (only one bag's Tribuo examples are held at a time); the model is the mean of the bags'
     * mixed linear models. Releases the rows like {@link #trainConsuming}, after scoring them.
     */
    Mixed trainBaggedConsuming(List<String> names, double[][] rows, boolean[] labels, double mix, int[][] bags,
                               long seed, String dataDescription) {
        int nf = names.size();
        double[] mean = new double[nf];
        double[] sd = spreads(rows, nf, mean, maxStandardScore);
        List<LinearSGDModel> all = new ArrayList<>();
        List<LinearSGDModel> rephetio = new ArrayList<>();
        for (int b = 0; b < bags.length; b++) {
            double[][] xb = new double[bags[b].length][];
            boolean[] yb = new boolean[bags[b].length];
            for (int i = 0; i < xb.length; i++) {
                xb[i] = rows[bags[b][i]];
                yb[i] = labels[bags[b][i]];
            }
            String description = dataDescription + ", bag " + (b + 1) + " of " + bags.length;
            if (mix > 0) {
                rephetio.add(rephetioPart(names, xb, yb, description, mean, sd).fit(seed + b).tribuo());
            }
            all.add(prepare(names, xb, yb, null, description, mean, sd, true).fit(seed + b).tribuo());
        }
        TribuoModels t = new TribuoModels(all, mix > 0 ? rephetio : null, mix);
        LinearModel linear = t.linear(names, mean, sd);
        double[] scores = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = linear.linear(rows[i]);
            rows[i] = null;
        }
        return new Mixed(t, linear, scores);
    }

    private static Mixed mixed(Prepared a, Prepared r, double mix, long seed) {
        Trained ta = a.fit(seed);
        if (r == null) {
            return new Mixed(new TribuoModels(ta.tribuo(), null, 0), ta.linear(), ta.trainingScores());
        }
        Trained tr = r.fit(seed);
        TribuoModels t = new TribuoModels(ta.tribuo(), tr.tribuo(), mix);
        double[] scores = new double[ta.trainingScores().length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (1 - mix) * ta.trainingScores()[i] + mix * tr.trainingScores()[i];
        }
        return new Mixed(t, t.linear(a.names, a.mean, a.sd), scores);
    }

    /**
     * A second fit's example weights ({@link #hardnessWeights}, capped at {@link #CAP} times the class mean).
     *
     * @param gamma         the focal exponent (hardness {@code (1 - p)^gamma} of a positive, {@code p^gamma} of a
     *                      negative)
     * @param share         the weight is {@code (1 - share) + share * hardness / class mean}
     * @param negativesOnly positives keep weight 1
     */
    record Reweight(double gamma, double share, boolean negativesOnly) {
        static final double CAP = 20;

        Reweight {
            if (!(gamma >= 0) || !(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("need gamma >= 0 and share in [0, 1], got " + gamma + ", " + share);
            }
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "(g%s s%s%s)", gamma, share, negativesOnly ? " neg" : "");
        }
    }

    /**
     * Per-row weights for a second fit that emphasises the rows a first fit got wrong (the focal loss's
     * modulating factor, Lin et al., ICCV 2017, applied as example weights): with {@code p = sigmoid(score)}, a
     * positive's hardness is {@code (1 - p)^gamma} and a negative's {@code p^gamma}. Within each reweighted class
     * the hardness is divided by its class mean and capped at {@code cap}, the weight is {@code (1 - share) +
     * share * hardness}, and the weights are scaled to mean 1 per class again, so each class keeps its total
     * weight (class weights alone only move the intercept: docs/history/linkpred.md, session 4). {@code gamma},
     * {@code share} and {@code negativesOnly} (positives keep weight 1) come from {@code reweight}, which checks
     * them.
     */
    static float[] hardnessWeights(double[] scores, boolean[] labels, Reweight reweight, double cap) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
        if (!(cap >= 1)) {
            throw new IllegalArgumentException("need cap >= 1, got " + cap);
        }
        double gamma = reweight.gamma();
        double share = reweight.share();
        boolean negativesOnly = reweight.negativesOnly();
        double[] h = new double[scores.length];
        for (int i = 0; i < h.length; i++) {
            double p = 1 / (1 + Math.exp(-scores[i]));
            h[i] = Math.pow(labels[i] ? 1 - p : p, gamma);
        }
        float[] w = new float[h.length];
        for (boolean cls : new boolean[]{true, false}) {
            if (cls && negativesOnly) {
                for (int i = 0; i < w.length; i++) {
                    if (labels[i]) {
                        w[i] = 1f;
                    }
                }
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int i = 0; i < h.length; i++) {
                if (labels[i] == cls) {
                    sum += h[i];
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            double[] v = new double[h.length];
            double vs = 0;
            for (int i = 0; i < h.length; i++) {
                if (labels[i] == cls) {
                    double hn = mean > 0 ? Math.min(h[i] / mean, cap) : 1;
                    v[i] = (1 - share) + share * hn;
                    vs += v[i];
                }
            }
            for (int i = 0; i < h.length; i++) {
                if (labels[i] == cls) {
                    w[i] = (float) (v[i] * n / vs);
                }
            }
        }
        return w;
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
