package io.repurpose.linkpred;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Nonlinear terms of the base features for the linear model, named so that a saved model can compute them
 * again from its feature list alone: {@code sq:NAME} (the square of feature NAME), {@code prod:A*B} (the
 * product of two features) and {@code hinge:NAME@KNOT} ({@code max(0, x - KNOT)}). Which terms a model uses
 * is chosen on its training rows ({@link #choose}); {@link FeatureSpace} computes them per pair and
 * {@link #extend} appends them to rows of base features, with the same arithmetic.
 */
final class DerivedFeatures {
    static final String SQUARE = "sq:";
    static final String PRODUCT = "prod:";
    static final String HINGE = "hinge:";

    /**
     * The terms the model and the CV's combined model use ({@link #choose} spec; "" = none): the pairwise
     * products of the 8 features whose training-row AUROC is farthest from 0.5 (28 terms) and hinges at the
     * positives' quartiles of every non-Hadamard feature. Chosen on seed-7 folds 0–2 ({@code LinkPredCli tune
     * --variants s6|s6b --seed 7}) together with {@link ModelTrainer#REPHETIO_MIX} as the highest mean AUPRC
     * among the variants with mean AUROC ≥ 0.98: 0.9807 / 0.4866, against 0.9807 / 0.4801 for session 5's
     * {@code prod32} (496 products; chosen in session 5 by the same rule, docs/history/linkpred.md). Session 8: the
     * products of 16 (120 terms) with {@link ModelTrainer#BAGS} 4 and mix 0.15 ({@code tune --variants s11}: 0.9806
     * / 0.4983 against 0.9805 / 0.4945 for prod8; seed-42 evaluate 0.9826 / 0.5016 against 0.9823 / 0.4976;
     * docs/history/linkpred.md, session 8).
     */
    static final String DEFAULT = "prod16+hinge3";

    private DerivedFeatures() {
    }

    /** A derived term: its kind (0 square, 1 product, 2 hinge), base feature indexes and knot. */
    record Op(int kind, int a, int b, double knot) {
        double apply(double x, double y) {
            return switch (kind) {
                case 0 -> x * x;
                case 1 -> x * y;
                default -> Math.max(0, x - knot);
            };
        }

        double apply(double[] row) {
            return apply(row[a], row[b]);
        }
    }

    static boolean isDerived(String name) {
        return name.startsWith(SQUARE) || name.startsWith(PRODUCT) || name.startsWith(HINGE);
    }

    /**
     * Parses a derived name against base feature indexes ({@code index} returns -1 for an unknown name).
     *
     * @throws IllegalArgumentException for a name that is not derived or names an unknown base feature
     */
    static Op parse(String name, ToIntFunction<String> index) {
        if (name.startsWith(SQUARE)) {
            int a = base(name.substring(SQUARE.length()), index, name);
            return new Op(0, a, a, 0);
        }
        if (name.startsWith(PRODUCT)) {
            String[] ab = name.substring(PRODUCT.length()).split("\\*", -1);
            if (ab.length != 2) {
                throw new IllegalArgumentException("a product names two features: " + name);
            }
            return new Op(1, base(ab[0], index, name), base(ab[1], index, name), 0);
        }
        if (name.startsWith(HINGE)) {
            int at = name.lastIndexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("a hinge names its knot after '@': " + name);
            }
            int a = base(name.substring(HINGE.length(), at), index, name);
            return new Op(2, a, a, Double.parseDouble(name.substring(at + 1)));
        }
        throw new IllegalArgumentException("not a derived feature: " + name);
    }

    private static int base(String name, ToIntFunction<String> index, String derived) {
        int i = index.applyAsInt(name);
        if (i < 0) {
            throw new IllegalArgumentException("feature " + name + " of " + derived + " not available");
        }
        return i;
    }

    private static boolean hadamard(String name) {
        return name.startsWith(FeatureSpace.EMBEDDING + "hadamard");
    }

    /**
     * Derived feature names for base features {@code base} with training rows {@code x} (labels {@code y}),
     * by a '+'-separated spec: {@code sq} squares of every non-Hadamard feature; {@code prodK} pairwise
     * products of the K non-Hadamard features whose training-row AUROC is farthest from 0.5; {@code hingeK}
     * hinges at the 1/(K+1) … K/(K+1) quantiles of the positive rows' values; {@code nhingeK} hinges at the
     * 0.9, 0.99, … (K of them) quantiles of the negative rows' values (session 7); "" none.
     */
    static List<String> choose(String spec, List<String> base, double[][] x, boolean[] y) {
        List<String> out = new ArrayList<>();
        for (String part : spec.isEmpty() ? new String[0] : spec.split("\\+")) {
            if (part.equals("sq")) {
                for (String b : base) {
                    if (!hadamard(b)) {
                        out.add(SQUARE + b);
                    }
                }
            } else if (part.startsWith("prod")) {
                int k = Integer.parseInt(part.substring(4));
                double[] sep = new double[base.size()];
                Integer[] order = new Integer[base.size()];
                double[] col = new double[x.length];
                for (int f = 0; f < base.size(); f++) {
                    order[f] = f;
                    for (int i = 0; i < x.length; i++) {
                        col[i] = x[i][f];
                    }
                    sep[f] = hadamard(base.get(f)) ? 0 : Math.abs(Metrics.auroc(col, y) - 0.5);
                }
                Arrays.sort(order, (a, b) -> Double.compare(sep[b], sep[a]));
                for (int i = 0; i < Math.min(k, order.length); i++) {
                    for (int j = i + 1; j < Math.min(k, order.length); j++) {
                        out.add(PRODUCT + base.get(order[i]) + "*" + base.get(order[j]));
                    }
                }
            } else if (part.startsWith("hinge")) {
                int k = Integer.parseInt(part.substring(5));
                hinges(base, x, y, true, k, (q, n) -> (int) Math.floor((double) q * (n - 1) / (k + 1)), out);
            } else if (part.startsWith("nhinge")) {
                // hinges in the negatives' upper tail, where the hard negatives and the positives meet
                int k = Integer.parseInt(part.substring(6));
                hinges(base, x, y, false, k, (q, n) -> (int) Math.floor((1 - Math.pow(10, -q)) * (n - 1)), out);
            } else {
                throw new IllegalArgumentException("unknown derived features " + part);
            }
        }
        // two parts can name the same term (a positive quartile of a degree equal to a negative quantile)
        return new ArrayList<>(new java.util.LinkedHashSet<>(out));
    }

    /**
     * Hinges of every non-Hadamard feature at the sorted values {@code index(q, n)}, q = 1..k, of the n rows of one
     * class ({@code positives}); a knot is kept only above the feature's minimum and the previous knot.
     */
    private static void hinges(List<String> base, double[][] x, boolean[] y, boolean positives, int k,
                               java.util.function.IntBinaryOperator index, List<String> out) {
        for (int f = 0; f < base.size(); f++) {
            if (hadamard(base.get(f))) {
                continue;
            }
            List<Double> v = new ArrayList<>();
            double last = Double.POSITIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                last = Math.min(last, x[i][f]);
                if (y[i] == positives) {
                    v.add(x[i][f]);
                }
            }
            java.util.Collections.sort(v);
            for (int q = 1; q <= k && !v.isEmpty(); q++) {
                double knot = v.get(index.applyAsInt(q, v.size()));
                if (knot > last) {
                    out.add(HINGE + base.get(f) + "@" + knot);
                    last = knot;
                }
            }
        }
    }

    /** Derived terms added to a selection of a space's features ({@link #add}). */
    record Added(Op[] ops, int[] selection) {
    }

    /**
     * Chooses the terms of {@code spec} on training rows {@code x} (labels {@code y}) of the features
     * {@code names} (indexes {@code sel} in {@code space}), appends their values to the rows and their names to
     * {@code names}, and registers them in {@code space}. Returns their ops over rows of the base features (for
     * more rows of the same features) and {@code sel} followed by their indexes in {@code space} (for scoring).
     */
    static Added add(String spec, FeatureSpace space, int[] sel, List<String> names, double[][] x, boolean[] y) {
        List<String> derived = choose(spec, names, x, y);
        Op[] ops = ops(names, derived);
        extend(x, ops);
        names.addAll(derived);
        int[] extra = space.indexes(derived);
        int[] selection = Arrays.copyOf(sel, sel.length + extra.length);
        System.arraycopy(extra, 0, selection, sel.length, extra.length);
        return new Added(ops, selection);
    }

    /** The ops of derived names over the base feature list. */
    static Op[] ops(List<String> base, List<String> derived) {
        java.util.Map<String, Integer> pos = new java.util.HashMap<>();
        for (int f = 0; f < base.size(); f++) {
            pos.put(base.get(f), f);
        }
        Op[] out = new Op[derived.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parse(derived.get(i), n -> pos.getOrDefault(n, -1));
        }
        return out;
    }

    /** Each row with the derived values appended (rows of base features; the old rows are replaced). */
    static void extend(double[][] rows, Op[] ops) {
        if (ops.length == 0) {
            return;
        }
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            double[] out = Arrays.copyOf(r, r.length + ops.length);
            for (int j = 0; j < ops.length; j++) {
                out[r.length + j] = ops[j].apply(r);
            }
            rows[i] = out;
        }
    }
}
