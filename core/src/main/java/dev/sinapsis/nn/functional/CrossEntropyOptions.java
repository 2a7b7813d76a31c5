package dev.sinapsis.nn.functional;

/**
 * Options of {@link Losses#crossEntropy(dev.sinapsis.tensor.Tensor, dev.sinapsis.tensor.Tensor,
 * CrossEntropyOptions)}, with PyTorch's defaults in {@link #DEFAULTS}.
 *
 * <pre>{@code
 * var opts = CrossEntropyOptions.DEFAULTS.withLabelSmoothing(0.1).withIgnoreIndex(-100);
 * }</pre>
 *
 * @param reduction      how per-sample losses are combined; {@code MEAN} averages over the
 *                       targets that are not ignored
 * @param ignoreIndex    a target value that contributes neither loss nor gradient
 * @param labelSmoothing in {@code [0, 1]}: the target distribution becomes
 *                       {@code (1 - s) * onehot + s / C}
 */
public record CrossEntropyOptions(Reduction reduction, long ignoreIndex, double labelSmoothing) {
    /** PyTorch's defaults: mean, ignore index -100, no smoothing. */
    public static final CrossEntropyOptions DEFAULTS = new CrossEntropyOptions(Reduction.MEAN, -100, 0);

    /** Validates the options. */
    public CrossEntropyOptions {
        if (reduction == null) {
            throw new IllegalArgumentException("crossEntropy: reduction must not be null");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
    }

    /** A copy with another reduction. */
    public CrossEntropyOptions withReduction(Reduction r) {
        return new CrossEntropyOptions(r, ignoreIndex, labelSmoothing);
    }

    /** A copy with another ignore index. */
    public CrossEntropyOptions withIgnoreIndex(long index) {
        return new CrossEntropyOptions(reduction, index, labelSmoothing);
    }

    /** A copy with another label-smoothing amount. */
    public CrossEntropyOptions withLabelSmoothing(double s) {
        return new CrossEntropyOptions(reduction, ignoreIndex, s);
    }
}
