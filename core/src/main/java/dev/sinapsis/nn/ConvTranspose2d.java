package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d transposed convolution layer (PyTorch's {@code nn.ConvTranspose2d}, {@code groups=1}):
 * input {@code [N, in, H, W]}, output {@code [N, out, oH, oW]} with
 * {@code oH = (H-1)*stride - 2*padding + dilation*(kH-1) + outputPadding + 1}.
 *
 * <p>Parameters {@code weight [in, out, kH, kW]} and {@code bias [out]} are F32, initialised like
 * PyTorch: uniform on {@code [-1/sqrt(out*kH*kW), 1/sqrt(out*kH*kW)]} (PyTorch's fan-in of this
 * weight layout). An F64 input is computed in F64.
 */
public final class ConvTranspose2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final int[] dilation;
    private final Tensor weight;
    private final Tensor bias;

    /** Square kernel, stride, padding, output padding; dilation 1, with bias. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
                           Generator gen) {
        this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {outputPadding, outputPadding}, new int[] {1, 1}, true, gen);
    }

    /**
     * The general form; every array is a pair {@code {h, w}}. The output padding must be smaller
     * than the stride.
     */
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding,
                           int[] outputPadding, int[] dilation, boolean bias, Generator gen) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("ConvTranspose2d: channel counts must be positive, got in="
                    + inChannels + " out=" + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = Conv2d.checkPair("ConvTranspose2d", "kernel", kernel, 1);
        this.stride = Conv2d.checkPair("ConvTranspose2d", "stride", stride, 1);
        this.padding = Conv2d.checkPair("ConvTranspose2d", "padding", padding, 0);
        this.outputPadding = Conv2d.checkPair("ConvTranspose2d", "outputPadding", outputPadding, 0);
        this.dilation = Conv2d.checkPair("ConvTranspose2d", "dilation", dilation, 1);
        if (outputPadding[0] >= stride[0] || outputPadding[1] >= stride[1]) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding " + Conv2d.pairString(outputPadding)
                    + " must be smaller than the stride " + Conv2d.pairString(stride));
        }
        double bound = 1 / Math.sqrt((double) outChannels * kernel[0] * kernel[1]);
        this.weight = registerParameter("weight", Tensor.uniform(gen,
                Shape.of(inChannels, outChannels, kernel[0], kernel[1]), DType.F32, -bound, bound));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(gen, Shape.of(outChannels), DType.F32,
                -bound, bound)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() != 4 || input.dim(1) != inChannels) {
            throw new ShapeException("ConvTranspose2d: expected input [N, " + inChannels + ", H, W], got "
                    + input.shape());
        }
        DType dt = input.dtype();
        return Convolutions.convTranspose2d(input, weight.to(dt), bias == null ? null : bias.to(dt), stride, padding,
                outputPadding, dilation);
    }

    /** The kernel {@code [in, out, kH, kW]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or {@code null}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", kernel=" + Conv2d.pairString(kernel)
                + ", stride=" + Conv2d.pairString(stride) + ", padding=" + Conv2d.pairString(padding)
                + ", outputPadding=" + Conv2d.pairString(outputPadding) + ", dilation="
                + Conv2d.pairString(dilation) + ", bias=" + (bias != null) + ")";
    }
}
