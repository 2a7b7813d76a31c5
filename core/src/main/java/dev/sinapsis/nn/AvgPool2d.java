package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d average pooling (PyTorch's {@code nn.AvgPool2d}): input {@code [N, C, H, W]}, output
 * {@code [N, C, oH, oW]}. With {@code countIncludePad} (the default) padded zeros count in the
 * average.
 */
public final class AvgPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean countIncludePad;

    /** Square window with stride equal to the kernel, no padding. */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Square window, stride and padding (at most half the kernel), counting padded zeros. */
    public AvgPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, true);
    }

    /** The general form; every array is a pair {@code {h, w}}; a {@code null} stride means the kernel. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = Conv2d.checkPair("AvgPool2d", "kernel", kernel, 1);
        this.stride = Conv2d.checkPair("AvgPool2d", "stride", stride == null ? kernel : stride, 1);
        this.padding = Conv2d.checkPair("AvgPool2d", "padding", padding, 0);
        this.countIncludePad = countIncludePad;
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException("AvgPool2d: padding " + Conv2d.pairString(padding)
                    + " must be at most half the kernel " + Conv2d.pairString(kernel));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Upsample.checkImage("AvgPool2d", input);
        return Pooling.avgPool2d(input, kernel, stride, padding, countIncludePad);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel=" + Conv2d.pairString(kernel) + ", stride=" + Conv2d.pairString(stride)
                + ", padding=" + Conv2d.pairString(padding) + ", countIncludePad=" + countIncludePad + ")";
    }
}
