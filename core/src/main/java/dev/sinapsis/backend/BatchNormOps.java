package dev.sinapsis.backend;

/**
 * An optional fused fast path: batch normalisation in training mode, forward and backward in a few
 * passes over the data each. The composite ({@code mean}, {@code var}, subtract, {@code rsqrt},
 * multiply, add, and their gradients' broadcasts and reductions) reads and writes the whole input
 * about eight times forward and more backward; it stays the reference, and the conformance suite
 * compares the two.
 *
 * <p>Layout: {@code x} is contiguous {@code [N, C, S...]} (rank 2 or more), read as {@code [N, C, S]}
 * with {@code S} the product of the trailing sizes (1 for {@code [N, C]}); the statistics are per
 * channel over {@code M = N*S} values. Every view is contiguous and of one floating dtype.
 */
public interface BatchNormOps extends Capability {
    /**
     * The batch statistics and the normalised output: {@code mean[c]} and the biased variance
     * {@code var[c]} over {@code M} values, and
     * {@code out = (x - mean) / sqrt(var + eps) * weight + bias}.
     *
     * @param out    like {@code x}; does not overlap it
     * @param mean   {@code [C]}, written
     * @param var    {@code [C]}, written
     * @param weight {@code [C]}, or null for 1
     * @param bias   {@code [C]}, or null for 0
     */
    void batchNormTrain(View out, View mean, View var, View x, View weight, View bias, double eps);

    /**
     * The gradients of {@link #batchNormTrain} for the output gradient {@code gradOut} (like
     * {@code x}), from the statistics it saved. With {@code xhat = (x - mean) / sqrt(var + eps)}:
     * {@code gradBias = Σ gradOut}, {@code gradWeight = Σ gradOut·xhat} (sums over {@code M}) and
     * {@code gradX = weight / sqrt(var + eps) · (gradOut - gradBias/M - xhat·gradWeight/M)}.
     *
     * @param gradX      like {@code x}, or null when not wanted
     * @param gradWeight {@code [C]}, or null when not wanted
     * @param gradBias   {@code [C]}, or null when not wanted
     * @param weight     {@code [C]}, or null for 1
     */
    void batchNormTrainGrad(View gradX, View gradWeight, View gradBias, View gradOut, View x, View weight, View mean,
                            View var, double eps);
}
