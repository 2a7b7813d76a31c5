package dev.sinapsis.backend;

/**
 * The window of a 2-d convolution or pooling: kernel size, stride, zero padding and dilation per
 * spatial axis. Output size along an axis of input size {@code n}:
 * {@code (n + 2*pad - dilation*(kernel-1) - 1) / stride + 1}.
 */
public record ConvGeometry(int kernelH, int kernelW, int strideH, int strideW,
                           int padH, int padW, int dilationH, int dilationW) {

    public ConvGeometry {
        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0 || dilationW <= 0
                || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv geometry: kernel, stride and dilation must be positive and "
                    + "padding non-negative, got " + this);
        }
    }

    /** Square kernel, stride, padding and dilation. */
    public static ConvGeometry square(int kernel, int stride, int pad, int dilation) {
        return new ConvGeometry(kernel, kernel, stride, stride, pad, pad, dilation, dilation);
    }

    /** Output height for input height {@code h}; zero or less when the window does not fit. */
    public int outH(int h) {
        return Math.floorDiv(h + 2 * padH - dilationH * (kernelH - 1) - 1, strideH) + 1;
    }

    /** Output width for input width {@code w}; zero or less when the window does not fit. */
    public int outW(int w) {
        return Math.floorDiv(w + 2 * padW - dilationW * (kernelW - 1) - 1, strideW) + 1;
    }
}
