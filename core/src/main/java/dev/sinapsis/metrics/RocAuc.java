package dev.sinapsis.metrics;

import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve for binary classification, equal to scikit-learn's {@code roc_auc_score}.
 *
 * <p>Computed as the Mann-Whitney statistic: the probability that a random positive scores higher
 * than a random negative, ties counting one half. With ranks averaged over tied scores this is
 * exactly the trapezoidal area under the ROC curve that scikit-learn integrates.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * ROC AUC of {@code scores} (any real scores: logits or probabilities, higher means more positive)
     * against {@code labels} (BOOL, or numbers that are 0 or 1), both of the same shape.
     *
     * @throws ShapeException if the shapes differ
     * @throws IllegalArgumentException if a label is not 0/1, a score is NaN, or only one class is present
     */
    public static double binary(Tensor scores, Tensor labels) {
        if (!scores.shape().equals(labels.shape())) {
            throw new ShapeException("RocAuc.binary: scores " + scores.shape() + " and labels " + labels.shape()
                    + " must have the same shape");
        }
        double[] l = labels.toDoubleArray();
        boolean[] positive = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != 0 && l[i] != 1) {
                throw new IllegalArgumentException("RocAuc.binary: labels must be 0 or 1 (or BOOL), but element "
                        + i + " is " + Labels.format(l[i]));
            }
            positive[i] = l[i] == 1;
        }
        return binary(scores.toDoubleArray(), positive);
    }

    /** ROC AUC of host arrays; see {@link #binary(Tensor, Tensor)}. */
    public static double binary(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new ShapeException("RocAuc.binary: " + n + " scores but " + positive.length + " labels");
        }
        long pos = 0;
        for (int i = 0; i < n; i++) {
            Labels.checkNotNaN("RocAuc.binary", scores[i], i);
            if (positive[i]) {
                pos++;
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("RocAuc.binary: only one class present in the labels (" + n + " "
                    + (pos == 0 ? "negatives" : "positives") + "); ROC AUC is not defined in that case");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // sum of the 1-based ranks of the positives, tied scores sharing their average rank
        double positiveRankSum = 0;
        for (int start = 0; start < n;) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        double u = positiveRankSum - pos * (pos + 1) / 2.0;
        return u / ((double) pos * neg);
    }
}
