package dev.sinapsis.backend;

/**
 * Optional capability: fused 2-d max pooling. A backend that implements it is used by
 * {@code Pooling.maxPool2d}; the composite (unfold, argmax, gather) stays the reference the
 * tests compare it with, and every backend without this interface runs the composite.
 */
public interface PoolingOps extends Capability {
    /**
     * Max pooling of {@code in} ({@code [N, C, H, W]}, F32 or F64, any strides) into the contiguous
     * {@code out} ({@code [N, C, oH, oW]}, same dtype) and {@code indices} (I64, same shape): the
     * flat position {@code h*W + w} of the chosen element within its input plane. Positions in the
     * padding never win; within a window the first maximum in row-major window order wins, and a
     * NaN beats any number (the first NaN). Every window holds at least one input position.
     */
    void maxPool2d(View out, View indices, View in, ConvGeometry g);

    /**
     * The adjoint: {@code gradIn[n][c][indices[n][c][o]] += gradOut[n][c][o]}. {@code gradIn}
     * ({@code [N, C, H, W]}) is contiguous and zeroed by the caller; {@code gradOut} and
     * {@code indices} are contiguous {@code [N, C, oH, oW]}.
     */
    void maxPool2dBackward(View gradIn, View gradOut, View indices);
}
