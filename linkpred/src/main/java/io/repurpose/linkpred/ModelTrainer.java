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

    private final int epochs;
    private final int minibatch;
    private final java.util.function.IntFunction<StochasticGradientOptimiser> optimiser;

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
        this.epochs = epochs;
        this.minibatch = minibatch;
        this.optimiser = optimiser;
    }

    /** A trained model: Tribuo's (with its provenance) and the extracted linear form. */
    record Trained(LinearSGDModel tribuo, LinearModel linear) {
    }

    Trained train(List<String> names, double[][] rows, boolean[] labels, long seed, String dataDescription) {
        int nf = names.size();
        double[] mean = new double[nf];
        double[] sd = new double[nf];
        for (double[] r : rows) {
            for (int f = 0; f < nf; f++) {
                mean[f] += r[f];
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
            sd[f] = Math.sqrt(sd[f] / Math.max(1, rows.length - 1));
            if (!(sd[f] > 1e-12)) {
                sd[f] = 1;
            }
        }
        String[] fn = names.toArray(String[]::new);
        List<Example<Label>> examples = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            examples.add(new ArrayExample<>(labels[i] ? POSITIVE : NEGATIVE, fn, standardise(rows[i], mean, sd)));
        }
        MutableDataset<Label> data = new MutableDataset<>(examples,
                new SimpleDataSourceProvenance(dataDescription, new LabelFactory()), new LabelFactory());
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), optimiser.apply(nf), epochs,
                Math.max(1, rows.length * epochs), minibatch, seed);
        LinearSGDModel model = trainer.train(data, Map.of());
        return new Trained(model, extract(model, names, mean, sd));
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
