package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d convolution layer (PyTorch's {@code nn.Conv2d}, {@code groups=1}): input
 * {@code [N, in, H, W]}, output {@code [N, out, oH, oW]}.
 *
 * <p>Parameters {@code weight [out, in, kH, kW]} and {@code bias [out]} are F32, initialised like
 * PyTorch: uniform on {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]} with {@code fanIn = in*kH*kW}
 * (Kaiming-uniform with {@code a = sqrt(5)}). An F64 input is computed in F64 (the parameters
 * are converted on the fly; their gradients come back as F32).
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final Tensor weight;
    private final Tensor bias;

    /** Square kernel, stride 1, no padding, with bias, from the global generator. */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, 0, 1, true, Generator.global());
    }

    /** Square kernel, stride, padding and dilation. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, boolean bias,
                  Generator gen) {
        this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {dilation, dilation}, bias, gen);
    }

    /**
     * The general form; every array is a pair {@code {h, w}}.
     *
     * @param bias whether to learn an additive bias
     * @param gen  source of the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  boolean bias, Generator gen) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("Conv2d: channel counts must be positive, got in=" + inChannels
                    + " out=" + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = checkPair("Conv2d", "kernel", kernel, 1);
        this.stride = checkPair("Conv2d", "stride", stride, 1);
        this.padding = checkPair("Conv2d", "padding", padding, 0);
        this.dilation = checkPair("Conv2d", "dilation", dilation, 1);
        double bound = 1 / Math.sqrt((double) inChannels * kernel[0] * kernel[1]);
        this.weight = registerParameter("weight", Tensor.uniform(gen,
                Shape.of(outChannels, inChannels, kernel[0], kernel[1]), DType.F32, -bound, bound));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(gen, Shape.of(outChannels), DType.F32,
                -bound, bound)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() != 4 || input.dim(1) != inChannels) {
            throw new ShapeException("Conv2d: expected input [N, " + inChannels + ", H, W], got " + input.shape());
        }
        DType dt = input.dtype();
        return Convolutions.conv2d(input, weight.to(dt), bias == null ? null : bias.to(dt), stride, padding,
                dilation);
    }

    /** The kernel {@code [out, in, kH, kW]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or {@code null}. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel=" + pairString(kernel) + ", stride="
                + pairString(stride) + ", padding=" + pairString(padding) + ", dilation=" + pairString(dilation)
                + ", bias=" + (bias != null) + ")";
    }

    /** A copy of {@code p} after checking it is a pair {@code {h, w}} of values at least {@code min}. */
    static int[] checkPair(String layer, String what, int[] p, int min) {
        if (p == null || p.length != 2 || p[0] < min || p[1] < min) {
            throw new IllegalArgumentException(layer + ": " + what + " must be a pair {h, w} of values >= " + min
                    + ", got " + (p == null ? "null" : java.util.Arrays.toString(p)));
        }
        return p.clone();
    }

    static String pairString(int[] p) {
        return p[0] == p[1] ? Integer.toString(p[0]) : "(" + p[0] + ", " + p[1] + ")";
    }
}
