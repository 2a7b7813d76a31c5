package dev.sinapsis.metrics;

import dev.sinapsis.tensor.Tensor;

/**
 * Classification accuracy, computed on the host from a batch (or a whole epoch) of predictions.
 *
 * <pre>{@code
 * double acc = Accuracy.of(model.forward(x), y);      // logits [N, C], targets [N]
 * double top5 = Accuracy.topK(model.forward(x), y, 5);
 * }</pre>
 *
 * <p>Targets are class indices of any dtype (integer values in {@code [0, C)}). Predictions are
 * either class labels of the targets' shape, or scores (logits or probabilities) with the class
 * axis at position 1 like PyTorch: {@code [N, C]} for targets {@code [N]}, {@code [N, C, H, W]} for
 * targets {@code [N, H, W]}. A NaN score is an error rather than a silent wrong answer.
 */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * The fraction of elements whose predicted class equals the target; for scores the prediction is
     * the arg-max over the class axis (the first index on ties, like {@code torch.argmax}).
     *
     * @throws dev.sinapsis.tensor.ShapeException if the shapes do not fit
     * @throws IllegalArgumentException for no elements, a non-class target or a NaN score
     */
    public static double of(Tensor predictions, Tensor targets) {
        int[] t = Labels.classes("Accuracy.of", "targets", targets, 0);
        int[] p = Labels.predicted("Accuracy.of", predictions, targets, 0);
        if (t.length == 0) {
            throw new IllegalArgumentException("Accuracy.of: no elements (targets have shape " + targets.shape() + ")");
        }
        long correct = 0;
        for (int i = 0; i < t.length; i++) {
            if (p[i] == t[i]) {
                correct++;
            }
        }
        return (double) correct / t.length;
    }

    /**
     * The fraction of elements whose target is among the {@code k} highest scores. Ties are broken
     * towards the lower class index (a stable descending sort): the target counts as in the top
     * {@code k} when fewer than {@code k} classes have a higher score, or an equal score and a lower index.
     * With {@code k = 1} this equals {@link #of}.
     *
     * @param scores logits or probabilities {@code [N, C, ...]}
     * @param targets class indices {@code [N, ...]}
     * @param k in {@code [1, C]}
     */
    public static double topK(Tensor scores, Tensor targets, int k) {
        int[] layout = Labels.classAxisLayout("Accuracy.topK", scores, targets);
        int n = layout[0];
        int c = layout[1];
        int rest = layout[2];
        if (k < 1 || k > c) {
            throw new IllegalArgumentException("Accuracy.topK: k must be in [1, " + c + "] for " + c
                    + " classes, got " + k);
        }
        int[] t = Labels.classes("Accuracy.topK", "targets", targets, c);
        if (t.length == 0) {
            throw new IllegalArgumentException("Accuracy.topK: no elements (targets have shape " + targets.shape()
                    + ")");
        }
        double[] s = scores.toDoubleArray();
        long hits = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rest; r++) {
                int base = i * c * rest + r;
                int target = t[i * rest + r];
                double mine = s[base + target * rest];
                int better = 0;
                for (int j = 0; j < c; j++) {
                    double other = s[base + j * rest];
                    Labels.checkNotNaN("Accuracy.topK", other, base + j * rest);
                    if (other > mine || (other == mine && j < target)) {
                        better++;
                    }
                }
                if (better < k) {
                    hits++;
                }
            }
        }
        return (double) hits / t.length;
    }
}
