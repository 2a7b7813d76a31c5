package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.CrossEntropyOptions;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.tensor.Tensor;

/**
 * Cross-entropy of logits against integer class targets as a reusable object (PyTorch's
 * {@code nn.CrossEntropyLoss}); see {@link Losses#crossEntropy(Tensor, Tensor, CrossEntropyOptions)}.
 * A loss takes two tensors, so it is not a {@link Module}: call {@link #apply(Tensor, Tensor)}.
 */
public final class CrossEntropyLoss {
    private final CrossEntropyOptions options;

    /** With PyTorch's defaults (mean, ignore index -100, no smoothing). */
    public CrossEntropyLoss() {
        this(CrossEntropyOptions.DEFAULTS);
    }

    /** With the given options. */
    public CrossEntropyLoss(CrossEntropyOptions options) {
        this.options = options;
    }

    /** The options. */
    public CrossEntropyOptions options() {
        return options;
    }

    /** The loss of {@code logits} against {@code targets}. */
    public Tensor apply(Tensor logits, Tensor targets) {
        return Losses.crossEntropy(logits, targets, options);
    }
}
