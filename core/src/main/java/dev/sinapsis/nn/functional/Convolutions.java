package dev.sinapsis.nn.functional;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.tensor.FusedConv2d;
import dev.sinapsis.tensor.Im2col;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * 2-d convolution and transposed convolution (PyTorch's {@code F.conv2d} and
 * {@code F.conv_transpose2d}, {@code groups=1}), composed from {@link Im2col} and matrix
 * products, so they are differentiable and run on every backend. Both run as the backend's fused
 * {@link dev.sinapsis.backend.ConvolutionOps} when it offers them (the composite
 * stays the reference; {@code Capabilities.disable(ConvolutionOps.class)} forces it).
 *
 * <pre>{@code
 * Tensor y = Convolutions.conv2d(x, w, b, 1, 1, 1);   // x [N,C,H,W], w [O,C,3,3] -> [N,O,H,W]
 * }</pre>
 *
 * <p>Operands must share dtype and backend. Spatial pairs are given as {@code {h, w}}.
 */
public final class Convolutions {
    private Convolutions() {
    }

    /** {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[])} with square stride, padding and dilation. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation) {
        return conv2d(x, weight, bias, pair(stride), pair(padding), pair(dilation));
    }

    /**
     * Cross-correlation of {@code x [N, C, H, W]} with {@code weight [O, C, kH, kW]}, plus
     * {@code bias [O]} (or none when {@code null}); zero padding. The result is
     * {@code [N, O, oH, oW]} with {@code oH = (H + 2*padH - dilH*(kH-1) - 1) / strideH + 1}.
     *
     * @throws ShapeException when ranks or channel counts disagree or the window does not fit
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        if (x.rank() != 4 || weight.rank() != 4 || x.dim(1) != weight.dim(1)) {
            throw new ShapeException("conv2d: input " + x.shape() + " and weight " + weight.shape()
                    + " do not match; expected input [N, C, H, W] and weight [O, C, kH, kW] with the same C");
        }
        int out = weight.dim(0);
        checkBias("conv2d", bias, out);
        ConvGeometry g = geometry(weight.dim(2), weight.dim(3), stride, padding, dilation);
        if (FusedConv2d.available(x, weight, bias, g)) {
            return FusedConv2d.apply(x, weight, bias, g);                    // the backend's ConvolutionOps
        }
        int n = x.dim(0);
        int oh = g.outH(x.dim(2));
        int ow = g.outW(x.dim(3));
        Tensor cols = Im2col.unfold(x, g);                                   // [N, C*kH*kW, oH*oW]
        Tensor w2 = weight.reshape(out, weight.numel() / out);               // [O, C*kH*kW]
        Tensor y = w2.matmul(cols).reshape(n, out, oh, ow);                  // [N, O, oH, oW]
        return bias == null ? y : y.add(bias.reshape(1, out, 1, 1));
    }

    /** {@link #convTranspose2d(Tensor, Tensor, Tensor, int[], int[], int[], int[])} with square arguments. */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding,
                                         int outputPadding, int dilation) {
        return convTranspose2d(x, weight, bias, pair(stride), pair(padding), pair(outputPadding), pair(dilation));
    }

    /**
     * Transposed convolution (the adjoint of {@link #conv2d} with the same geometry, sometimes
     * called deconvolution): {@code x [N, Cin, H, W]}, {@code weight [Cin, Cout, kH, kW]},
     * {@code bias [Cout]} or {@code null}. The result is {@code [N, Cout, oH, oW]} with
     * {@code oH = (H-1)*strideH - 2*padH + dilH*(kH-1) + outputPadH + 1}.
     *
     * @throws IllegalArgumentException when an output padding is negative or not smaller than the stride
     * @throws ShapeException           when ranks or channel counts disagree or the output would be empty
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int[] dilation) {
        if (x.rank() != 4 || weight.rank() != 4 || x.dim(1) != weight.dim(0)) {
            throw new ShapeException("convTranspose2d: input " + x.shape() + " and weight " + weight.shape()
                    + " do not match; expected input [N, Cin, H, W] and weight [Cin, Cout, kH, kW] with the same Cin");
        }
        checkPair("outputPadding", outputPadding);
        for (int i = 0; i < 2; i++) {
            if (outputPadding[i] < 0 || outputPadding[i] >= stride[i]) {
                throw new IllegalArgumentException("convTranspose2d: output padding must be non-negative and "
                        + "smaller than the stride, got outputPadding " + java.util.Arrays.toString(outputPadding)
                        + " with stride " + java.util.Arrays.toString(stride));
            }
        }
        int cin = weight.dim(0);
        int cout = weight.dim(1);
        checkBias("convTranspose2d", bias, cout);
        ConvGeometry g = geometry(weight.dim(2), weight.dim(3), stride, padding, dilation);
        int n = x.dim(0);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = (h - 1) * g.strideH() - 2 * g.padH() + g.dilationH() * (g.kernelH() - 1) + outputPadding[0] + 1;
        int ow = (w - 1) * g.strideW() - 2 * g.padW() + g.dilationW() * (g.kernelW() - 1) + outputPadding[1] + 1;
        if (oh <= 0 || ow <= 0) {
            throw new ShapeException("convTranspose2d: input " + x.shape() + " with weight " + weight.shape()
                    + " and padding " + java.util.Arrays.toString(padding) + " gives an empty output " + oh + "x" + ow);
        }
        if (FusedConv2d.availableTransposed(x, weight)) {
            Tensor y = FusedConv2d.applyTransposed(x, weight, oh, ow, g);    // the backend's ConvolutionOps
            return bias == null ? y : y.add(bias.reshape(1, cout, 1, 1));
        }
        Tensor w2 = weight.reshape(cin, weight.numel() / cin).t();           // [Cout*kH*kW, Cin]
        Tensor cols = w2.matmul(x.reshape(n, cin, h * w));                   // [N, Cout*kH*kW, H*W]
        Tensor y = Im2col.fold(cols, oh, ow, g);                             // [N, Cout, oH, oW]
        return bias == null ? y : y.add(bias.reshape(1, cout, 1, 1));
    }

    /** The window of a convolution with the given kernel size and {@code {h, w}} pairs. */
    static ConvGeometry geometry(int kh, int kw, int[] stride, int[] padding, int[] dilation) {
        checkPair("stride", stride);
        checkPair("padding", padding);
        checkPair("dilation", dilation);
        return new ConvGeometry(kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]);
    }

    static int[] pair(int v) {
        return new int[] {v, v};
    }

    static void checkPair(String what, int[] p) {
        if (p == null || p.length != 2) {
            throw new IllegalArgumentException(what + " must be a pair {h, w}, got "
                    + (p == null ? "null" : java.util.Arrays.toString(p)));
        }
    }

    private static void checkBias(String op, Tensor bias, int channels) {
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != channels)) {
            throw new ShapeException(op + ": bias must be [" + channels + "], got " + bias.shape());
        }
    }
}
