package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;

/** Reads and checks class-probability rows {@code [N, C]} for the metrics of this package. */
final class Probabilities {
    /** How far a row may sum from 1 (F32 softmax output is accepted). */
    private static final double SUM_TOLERANCE = 1e-3;

    private Probabilities() {
    }

    static double[][] rows(String who, Tensor probs) {
        if (probs.rank() != 2 || probs.dim(0) == 0 || probs.dim(1) == 0) {
            throw new IllegalArgumentException(who + ": expected class probabilities [N, C] with N, C >= 1, got "
                    + probs.shape());
        }
        int n = probs.dim(0);
        int c = probs.dim(1);
        double[] flat = probs.toDoubleArray();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return check(who, rows);
    }

    static double[][] check(String who, double[][] rows) {
        if (rows.length == 0 || rows[0].length == 0) {
            throw new IllegalArgumentException(who + ": no probabilities");
        }
        int c = rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException(who + ": row " + i + " has " + rows[i].length + " classes, row 0 has " + c);
            }
            double sum = 0;
            for (double p : rows[i]) {
                if (!(p >= 0 && p <= 1 + SUM_TOLERANCE)) {
                    throw new IllegalArgumentException(who + ": row " + i + " holds " + p
                            + ", not a probability (pass softmax outputs, not logits)");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException(who + ": row " + i + " sums to " + sum
                        + ", not 1 (pass softmax outputs, not logits)");
            }
        }
        return rows;
    }

    /** The index of the largest entry (the first on ties). */
    static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
