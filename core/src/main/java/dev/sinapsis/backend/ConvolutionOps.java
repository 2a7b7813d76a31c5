package dev.sinapsis.backend;

/**
 * Optional capability: 2-d convolution ({@code groups=1}, zero padding, any stride and dilation)
 * forward with its bias, and the gradients of its input and of its weight, each as one backend call
 * over the whole batch. {@code dev.sinapsis.tensor.FusedConv2d} uses it; the composite of
 * {@code im2col}, one GEMM per image and a bias add ({@code dev.sinapsis.nn.functional.Convolutions})
 * stays the reference the conformance suite compares it with, forward and backward. A backend is free
 * to choose how (whole-batch GEMMs, implicit GEMM, direct convolution); it need not materialise the
 * unfolded input.
 *
 * <p>Shapes: {@code x [N, C, H, W]}, {@code weight [O, C, kH, kW]}, {@code bias [O]},
 * {@code out [N, O, oH, oW]} with {@code oH = g.outH(H)}, {@code oW = g.outW(W)}, all positive. All
 * views share one floating dtype (F32 or F64). Outputs are contiguous, do not overlap any input, and
 * are overwritten (their previous contents are ignored).
 */
public interface ConvolutionOps extends Capability {
    /**
     * {@code out[n][o][y][x] = bias[o] + sum over c, i, j of weight[o][c][i][j] *
     * x[n][c][y*sH - pH + i*dH][x*sW - pW + j*dW]} (0 outside the input). {@code x} has any strides;
     * {@code weight} is contiguous; {@code bias} is contiguous or {@code null} (no bias).
     */
    void conv2d(View out, View x, View weight, View bias, ConvGeometry g);

    /**
     * The gradient of {@link #conv2d}'s input, {@code gradX [N, C, H, W]}, from the gradient of its
     * output {@code gradOut [N, O, oH, oW]} (contiguous) and the contiguous {@code weight}: the
     * transposed convolution of {@code gradOut}. Input positions no window covers get 0.
     */
    void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g);

    /**
     * The gradient of {@link #conv2d}'s weight, {@code gradWeight [O, C, kH, kW]}: the sum over the
     * batch and the output positions of {@code gradOut} (contiguous) times the input window of
     * {@code x} (any strides).
     */
    void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g);

    /**
     * {@link #conv2dWeightGrad}, and the bias gradient {@code gradBias [O]} (contiguous), the sum of
     * {@code gradOut} over the batch and the output positions, where the backend can take it from
     * the same pass over {@code gradOut}. Returns whether it wrote {@code gradBias}; the default
     * computes the weight gradient only and returns false, and the caller then sums.
     */
    default boolean conv2dWeightAndBiasGrad(View gradWeight, View gradBias, View gradOut, View x, ConvGeometry g) {
        conv2dWeightGrad(gradWeight, gradOut, x, g);
        return false;
    }
}
