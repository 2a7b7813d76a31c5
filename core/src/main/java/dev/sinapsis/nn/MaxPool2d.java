package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d max pooling (PyTorch's {@code nn.MaxPool2d}): input {@code [N, C, H, W]}, output
 * {@code [N, C, oH, oW]}. Padded positions never win. {@link #forwardWithIndices} also returns the
 * positions of the maxima, for {@link MaxUnpool2d}.
 */
public final class MaxPool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    /** Square window with stride equal to the kernel, no padding. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Square window, stride and padding (at most half the kernel). */
    public MaxPool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1});
    }

    /** The general form; every array is a pair {@code {h, w}}; a {@code null} stride means the kernel. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = Conv2d.checkPair("MaxPool2d", "kernel", kernel, 1);
        this.stride = Conv2d.checkPair("MaxPool2d", "stride", stride == null ? kernel : stride, 1);
        this.padding = Conv2d.checkPair("MaxPool2d", "padding", padding, 0);
        this.dilation = Conv2d.checkPair("MaxPool2d", "dilation", dilation, 1);
        if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1]) {
            throw new IllegalArgumentException("MaxPool2d: padding " + Conv2d.pairString(padding)
                    + " must be at most half the kernel " + Conv2d.pairString(kernel));
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Upsample.checkImage("MaxPool2d", input);
        return Pooling.maxPool2d(input, kernel, stride, padding, dilation);
    }

    /** The pooled output and the flat {@code h*W + w} index of each maximum within its input plane. */
    public Pooling.MaxPoolResult forwardWithIndices(Tensor input) {
        Upsample.checkImage("MaxPool2d", input);
        return Pooling.maxPool2dWithIndices(input, kernel, stride, padding, dilation);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel=" + Conv2d.pairString(kernel) + ", stride=" + Conv2d.pairString(stride)
                + ", padding=" + Conv2d.pairString(padding) + ", dilation=" + Conv2d.pairString(dilation) + ")";
    }
}
