package io.repurpose.linkpred;

import java.util.Arrays;

/** Ranking metrics over scores with binary labels; ties get the average (AUROC) or are broken pessimistically never. */
final class Metrics {
    private Metrics() {
    }

    /** Area under the ROC curve (Mann–Whitney, ties counted half). */
    static double auroc(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long pos = 0;
        long neg = 0;
        for (boolean l : labels) {
            if (l) {
                pos++;
            } else {
                neg++;
            }
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        // ascending ranks with ties averaged
        double rankSum = 0;
        int i = 0;
        int n = scores.length;
        Integer[] asc = order.clone();
        java.util.Collections.reverse(Arrays.asList(asc));
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[asc[j + 1]] == scores[asc[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[asc[k]]) {
                    rankSum += avg;
                }
            }
            i = j + 1;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Average precision (area under the precision–recall curve, step-wise). */
    static double auprc(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long pos = 0;
        for (boolean l : labels) {
            if (l) {
                pos++;
            }
        }
        if (pos == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long tp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]]) {
                tp++;
                ap += (double) tp / (k + 1);
            }
        }
        return ap / pos;
    }

    /** Indexes by descending score (stable). */
    static Integer[] order(double[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
        return idx;
    }

    /** ROC points (fpr, tpr) by descending threshold. */
    static double[][] roc(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long pos = 0;
        for (boolean l : labels) {
            if (l) {
                pos++;
            }
        }
        long neg = labels.length - pos;
        double[][] pts = new double[order.length + 1][2];
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            pts[k + 1][0] = (double) fp / neg;
            pts[k + 1][1] = (double) tp / pos;
        }
        return pts;
    }

    /** Precision–recall points (recall, precision). */
    static double[][] pr(double[] scores, boolean[] labels) {
        Integer[] order = order(scores);
        long pos = 0;
        for (boolean l : labels) {
            if (l) {
                pos++;
            }
        }
        double[][] pts = new double[order.length][2];
        long tp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]]) {
                tp++;
            }
            pts[k][0] = (double) tp / pos;
            pts[k][1] = (double) tp / (k + 1);
        }
        return pts;
    }
}
