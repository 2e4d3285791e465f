package io.repurpose.linkpred;

import java.util.List;
import java.util.Objects;

/**
 * A logistic model over standardised features, as plain arrays: {@code z = bias + Σ w_f (x_f - mean_f) / sd_f},
 * probability {@code 1 / (1 + e^-z)}. Extracted from the Tribuo model (positive-class minus
 * negative-class weights of its two-class softmax, which is exactly a logistic model).
 *
 * @param features names
 * @param means    training means
 * @param sds      training standard deviations (1 where constant)
 * @param weights  weights on the standardised features
 * @param bias     intercept
 */
record LinearModel(List<String> features, double[] means, double[] sds, double[] weights, double bias) {

    LinearModel {
        features = List.copyOf(features);
        Objects.requireNonNull(means, "means");
        if (means.length != features.size() || sds.length != features.size() || weights.length != features.size()) {
            throw new IllegalArgumentException("array lengths " + means.length + "/" + sds.length + "/"
                    + weights.length + " do not match " + features.size() + " features");
        }
    }

    double linear(double[] raw) {
        double z = bias;
        for (int f = 0; f < weights.length; f++) {
            z += weights[f] * (raw[f] - means[f]) / sds[f];
        }
        return z;
    }

    /** The contribution of feature f with raw value x. */
    double contribution(int f, double x) {
        return weights[f] * (x - means[f]) / sds[f];
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
