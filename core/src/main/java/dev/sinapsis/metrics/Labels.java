package dev.sinapsis.metrics;

import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/** Host-side helpers shared by the metrics: class labels from targets, predictions or logits. */
final class Labels {
    private Labels() {
    }

    /**
     * Integer class labels from a tensor of any dtype; every value must be an integer in
     * {@code [0, numClasses)} ({@code numClasses <= 0} means unbounded above).
     */
    static int[] classes(String op, String what, Tensor t, int numClasses) {
        double[] v = t.toDoubleArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = checkClass(op, what, i, v[i], numClasses);
        }
        return out;
    }

    static int checkClass(String op, String what, int index, double value, int numClasses) {
        if (value != Math.rint(value) || value < 0 || (numClasses > 0 && value >= numClasses)
                || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + what + " must be class indices"
                    + (numClasses > 0 ? " in [0, " + numClasses + ")" : " >= 0") + ", but element " + index
                    + " is " + format(value));
        }
        return (int) value;
    }

    /** A value as it was most likely written: {@code 3}, {@code 0.9} (for 0.9f), {@code 0.1}. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return (double) (float) v == v ? Float.toString((float) v) : Double.toString(v);
    }

    /**
     * Predicted classes for {@code targets}: when {@code predictions} has the shape of {@code targets}
     * it holds class labels; when it has one more axis, it holds scores (logits or probabilities) with
     * the class axis at position 1 like PyTorch ({@code [N, C]} or {@code [N, C, d1, ...]} for
     * targets {@code [N, d1, ...]}) and the prediction is the first index of the maximum score.
     */
    static int[] predicted(String op, Tensor predictions, Tensor targets, int numClasses) {
        if (predictions.shape().equals(targets.shape())) {
            return classes(op, "predictions (same shape as targets, so read as class labels)", predictions,
                    numClasses);
        }
        int[] classAxis = classAxisLayout(op, predictions, targets);
        int n = classAxis[0];
        int c = classAxis[1];
        int rest = classAxis[2];
        if (numClasses > 0 && c != numClasses) {
            throw new ShapeException(op + ": scores have " + c + " classes on axis 1 (shape " + predictions.shape()
                    + ") but " + numClasses + " are expected");
        }
        double[] scores = predictions.toDoubleArray();
        int[] out = new int[n * rest];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rest; r++) {
                int base = i * c * rest + r;
                int best = 0;
                for (int k = 0; k < c; k++) {
                    double s = scores[base + k * rest];
                    checkNotNaN(op, s, base + k * rest);
                    if (s > scores[base + best * rest]) {
                        best = k;
                    }
                }
                out[i * rest + r] = best;
            }
        }
        return out;
    }

    /**
     * Checks that {@code scores} is {@code targets}' shape with a class axis inserted at 1 and returns
     * {@code {N, C, product of the remaining target dims}}.
     */
    static int[] classAxisLayout(String op, Tensor scores, Tensor targets) {
        int[] s = scores.shape().toArray();
        int[] t = targets.shape().toArray();
        boolean ok = t.length >= 1 && s.length == t.length + 1 && s[0] == t[0]
                && Arrays.equals(Arrays.copyOfRange(s, 2, s.length), Arrays.copyOfRange(t, 1, t.length));
        if (!ok) {
            throw new ShapeException(op + ": predictions " + scores.shape() + " do not fit targets " + targets.shape()
                    + "; expected class labels of the same shape, or scores of shape [N, C, ...] for targets"
                    + " [N, ...]");
        }
        if (s[1] == 0) {
            throw new ShapeException(op + ": scores " + scores.shape() + " have no classes");
        }
        int rest = 1;
        for (int i = 1; i < t.length; i++) {
            rest *= t[i];
        }
        return new int[] {s[0], s[1], rest};
    }

    static void checkNotNaN(String op, double v, int index) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(op + ": score element " + index + " is NaN");
        }
    }
}
