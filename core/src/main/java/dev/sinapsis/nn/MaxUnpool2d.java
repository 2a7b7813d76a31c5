package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Pooling;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * The partial inverse of {@link MaxPool2d} (PyTorch's {@code nn.MaxUnpool2d}): puts each value
 * back at the position its maximum came from and zeros elsewhere. Call
 * {@link #forward(Tensor, Tensor)} with the indices from {@link MaxPool2d#forwardWithIndices}.
 */
public final class MaxUnpool2d extends Module {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** Square window with stride equal to the kernel, no padding. */
    public MaxUnpool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /** Square window, stride and padding, as in the matching {@link MaxPool2d}. */
    public MaxUnpool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding});
    }

    /** The general form; every array is a pair {@code {h, w}}; a {@code null} stride means the kernel. */
    public MaxUnpool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = Conv2d.checkPair("MaxUnpool2d", "kernel", kernel, 1);
        this.stride = Conv2d.checkPair("MaxUnpool2d", "stride", stride == null ? kernel : stride, 1);
        this.padding = Conv2d.checkPair("MaxUnpool2d", "padding", padding, 0);
    }

    /**
     * Always throws: unpooling needs the indices.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("MaxUnpool2d: needs the indices from MaxPool2d.forwardWithIndices; "
                + "call forward(input, indices)");
    }

    /**
     * Unpools to the default size {@code (H-1)*stride - 2*padding + kernel} per axis.
     */
    public Tensor forward(Tensor input, Tensor indices) {
        Upsample.checkImage("MaxUnpool2d", input);
        int oh = (input.dim(2) - 1) * stride[0] - 2 * padding[0] + kernel[0];
        int ow = (input.dim(3) - 1) * stride[1] - 2 * padding[1] + kernel[1];
        return forward(input, indices, oh, ow);
    }

    /** Unpools to planes of {@code outH x outW} (e.g. the size of the pooled input when it was odd). */
    public Tensor forward(Tensor input, Tensor indices, int outH, int outW) {
        Upsample.checkImage("MaxUnpool2d", input);
        if (!indices.shape().equals(input.shape())) {
            throw new ShapeException("MaxUnpool2d: indices " + indices.shape() + " must have the input's shape "
                    + input.shape());
        }
        return Pooling.maxUnpool2d(input, indices, outH, outW);
    }

    @Override
    public String toString() {
        return "MaxUnpool2d(kernel=" + Conv2d.pairString(kernel) + ", stride=" + Conv2d.pairString(stride)
                + ", padding=" + Conv2d.pairString(padding) + ")";
    }
}
