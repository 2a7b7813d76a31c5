package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.ConvolutionOps;

/**
 * 2-d convolution through a backend's fused kernels ({@link ConvolutionOps}): the forward pass with
 * its bias in one call, and backward one call for the input's gradient and one for the weight's (the
 * bias gradient is a sum of the output gradient). {@code Convolutions.conv2d} uses it when
 * {@link #available} says so and otherwise composes im2col, GEMM and a bias add, the reference the
 * conformance suite compares this path with.
 *
 * <p>The backward pass is not itself differentiable (no gradient of a gradient through this path);
 * a caller that needs one disables {@link ConvolutionOps} to get the composite.
 */
public final class FusedConv2d {
    private FusedConv2d() {
    }

    /**
     * True when the backend of {@code x} has the fused kernels and the operands fit them: {@code x}
     * {@code [N, C, H, W]} and {@code weight} {@code [O, C, kH, kW]} (and {@code bias [O]} unless null)
     * of one floating dtype and backend, with a non-empty output.
     */
    public static boolean available(Tensor x, Tensor weight, Tensor bias, ConvGeometry g) {
        if (x.rank() != 4 || weight.rank() != 4 || x.dim(1) != weight.dim(1) || !x.dtype().isFloating()
                || weight.dtype() != x.dtype() || weight.backend() != x.backend()) {
            return false;
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != weight.dim(0) || bias.dtype() != x.dtype()
                || bias.backend() != x.backend())) {
            return false;
        }
        return x.numel() > 0 && weight.numel() > 0 && g.outH(x.dim(2)) > 0 && g.outW(x.dim(3)) > 0
                && Capabilities.find(x.backend(), ConvolutionOps.class).isPresent();
    }

    /**
     * The convolution of {@code x} with {@code weight} plus {@code bias} (or none when null):
     * {@code [N, O, oH, oW]}, contiguous, differentiable with respect to all three.
     *
     * @throws IllegalStateException when {@link #available} is false for the operands
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, ConvGeometry g) {
        if (!available(x, weight, bias, g)) {
            throw new IllegalStateException("conv2d: no fused kernel for input " + x.dtype() + " " + x.shape()
                    + " and weight " + weight.dtype() + " " + weight.shape() + " on " + x.backend().name()
                    + "; use Convolutions.conv2d (the composite)");
        }
        ConvolutionOps ops = Capabilities.find(x.backend(), ConvolutionOps.class).orElseThrow();
        Tensor xIn = x.detach();
        Tensor w = weight.detach().contiguous();
        Tensor b = bias == null ? null : bias.detach().contiguous();
        Shape outShape = Shape.of(x.dim(0), weight.dim(0), g.outH(x.dim(2)), g.outW(x.dim(3)));
        Tensor out = Factories.emptyForOverwrite(x.backend(), outShape, x.dtype());
        ops.conv2d(out.view(), xIn.view(), w.view(), b == null ? null : b.view(), g);
        Shape xShape = x.shape();
        Shape wShape = weight.shape();
        return Autograd.record("conv2d", out, (grad, needs) -> {
            Tensor gy = grad.contiguous();
            Tensor gx = null;
            Tensor gw = null;
            if (needs[0]) {
                gx = Factories.emptyForOverwrite(gy.backend(), xShape, gy.dtype());
                ops.conv2dInputGrad(gx.view(), gy.view(), w.view(), g);
            }
            boolean biasNeeded = needs.length > 2 && needs[2];
            Tensor gb = null;
            if (needs[1]) {
                gw = Factories.emptyForOverwrite(gy.backend(), wShape, gy.dtype());
                if (biasNeeded) {
                    gb = Factories.emptyForOverwrite(gy.backend(), Shape.of(wShape.dim(0)), gy.dtype());
                    if (!ops.conv2dWeightAndBiasGrad(gw.view(), gb.view(), gy.view(), xIn.view(), g)) {
                        gb.close();
                        gb = null;
                    }
                } else {
                    ops.conv2dWeightGrad(gw.view(), gy.view(), xIn.view(), g);
                }
            }
            if (biasNeeded && gb == null) {
                gb = gy.sum(new int[] {0, 2, 3}, false);
            }
            return needs.length > 2 ? new Tensor[] {gx, gw, gb} : new Tensor[] {gx, gw};
        }, bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias});
    }

    /**
     * True when {@link #applyTransposed} can run: {@code x [N, Cin, H, W]} and {@code weight
     * [Cin, Cout, kH, kW]} of one floating dtype and backend, non-empty, on a backend with the kernels.
     */
    public static boolean availableTransposed(Tensor x, Tensor weight) {
        return x.rank() == 4 && weight.rank() == 4 && x.dim(1) == weight.dim(0) && x.dtype().isFloating()
                && weight.dtype() == x.dtype() && weight.backend() == x.backend() && x.numel() > 0
                && weight.numel() > 0 && Capabilities.find(x.backend(), ConvolutionOps.class).isPresent();
    }

    /**
     * The transposed convolution of {@code x} with {@code weight} (no bias), output
     * {@code [N, Cout, oH, oW]} (the caller computed {@code oH, oW > 0}, with {@code g.outH(oH) == H}):
     * the adjoint of the convolution with the same geometry, so its forward is that convolution's
     * input gradient, its input gradient that convolution, and its weight gradient that convolution's
     * weight gradient with the roles of input and output swapped.
     *
     * @throws IllegalStateException when {@link #availableTransposed} is false for the operands
     */
    public static Tensor applyTransposed(Tensor x, Tensor weight, int oh, int ow, ConvGeometry g) {
        if (!availableTransposed(x, weight) || g.outH(oh) != x.dim(2) || g.outW(ow) != x.dim(3)) {
            throw new IllegalStateException("convTranspose2d: no fused kernel for input " + x.dtype() + " "
                    + x.shape() + " and weight " + weight.dtype() + " " + weight.shape() + " on " + x.backend().name()
                    + "; use Convolutions.convTranspose2d (the composite)");
        }
        ConvolutionOps ops = Capabilities.find(x.backend(), ConvolutionOps.class).orElseThrow();
        Tensor xIn = x.detach().contiguous();
        Tensor w = weight.detach().contiguous();
        Tensor out = Factories.emptyForOverwrite(x.backend(), Shape.of(x.dim(0), weight.dim(1), oh, ow), x.dtype());
        ops.conv2dInputGrad(out.view(), xIn.view(), w.view(), g);
        Shape xShape = x.shape();
        Shape wShape = weight.shape();
        return Autograd.record("convTranspose2d", out, (grad, needs) -> {
            Tensor gy = grad.contiguous();
            Tensor gx = null;
            Tensor gw = null;
            if (needs[0]) {
                gx = Factories.emptyForOverwrite(gy.backend(), xShape, gy.dtype());
                ops.conv2d(gx.view(), gy.view(), w.view(), null, g);
            }
            if (needs[1]) {
                gw = Factories.emptyForOverwrite(gy.backend(), wShape, gy.dtype());
                ops.conv2dWeightGrad(gw.view(), xIn.view(), gy.view(), g);
            }
            return new Tensor[] {gx, gw};
        }, x, weight);
    }
}
