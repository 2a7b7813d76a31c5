package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.Tensor;

/** How a loss combines its per-element values (PyTorch's {@code reduction} argument). */
public enum Reduction {
    /** The average over elements (the default). */
    MEAN,
    /** The sum over elements. */
    SUM,
    /** The per-element values, unreduced. */
    NONE;

    /** Applies this reduction to per-element losses. */
    public Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
