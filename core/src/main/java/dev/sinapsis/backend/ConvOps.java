package dev.sinapsis.backend;

/** The two primitives convolution and pooling are built from (with GEMM and reductions). */
public interface ConvOps {
    /**
     * Unfolds sliding windows: {@code in} is {@code [N, C, H, W]} (any strides), {@code out} is a
     * contiguous {@code [N, C*kH*kW, oH*oW]} with
     * {@code out[n][(c*kH + i)*kW + j][oh*oW + ow] = in[n][c][oh*sH - pH + i*dH][ow*sW - pW + j*dW]},
     * or 0 where that position falls in the padding.
     */
    void im2col(View out, View in, ConvGeometry g);

    /**
     * The adjoint of {@link #im2col}: adds every column entry back to the input position it came
     * from, accumulating into {@code out} ({@code [N, C, H, W]}, contiguous; the caller zeroes it).
     * {@code cols} is {@code [N, C*kH*kW, oH*oW]}, any strides.
     */
    void col2im(View out, View cols, ConvGeometry g);
}
