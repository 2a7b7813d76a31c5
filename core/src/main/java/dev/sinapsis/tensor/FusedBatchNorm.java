package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.BatchNormOps;
import dev.sinapsis.backend.Capabilities;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalisation in training mode through a backend's fused kernels ({@link BatchNormOps}):
 * one call forward, which also returns the batch statistics, and one call backward for every
 * gradient wanted. {@code BatchNormalization.batchNorm} uses it when {@link #available} says so and
 * otherwise composes tensor ops, the reference the conformance suite compares this path with.
 *
 * <p>The backward pass is not itself differentiable (no gradient of a gradient through this path);
 * a caller that needs one disables {@link BatchNormOps} to get the composite.
 */
public final class FusedBatchNorm {
    private FusedBatchNorm() {
    }

    /**
     * The normalised output and the batch statistics that produced it.
     *
     * @param output   like the input, recorded on the tape
     * @param mean     {@code [C]}, not recorded
     * @param variance {@code [C]}, the biased batch variance, not recorded
     */
    public record Result(Tensor output, Tensor mean, Tensor variance) {
    }

    /**
     * True when the backend of {@code x} has the fused kernels and the operands fit them: {@code x}
     * {@code [N, C, ...]} non-empty and floating, {@code weight} and {@code bias} {@code [C]} of its dtype
     * and backend, or null.
     */
    public static boolean available(Tensor x, Tensor weight, Tensor bias) {
        if (x.rank() < 2 || !x.dtype().isFloating() || x.numel() == 0) {
            return false;
        }
        return fits(weight, x) && fits(bias, x) && Capabilities.find(x.backend(), BatchNormOps.class).isPresent();
    }

    private static boolean fits(Tensor p, Tensor x) {
        return p == null || (p.rank() == 1 && p.dim(0) == x.dim(1) && p.dtype() == x.dtype()
                && p.backend() == x.backend());
    }

    /**
     * Normalises {@code x} per channel (axis 1) with its batch statistics and applies
     * {@code weight * x + bias}; differentiable with respect to {@code x}, {@code weight} and {@code bias}.
     *
     * @throws IllegalStateException when {@link #available} is false for the operands
     */
    public static Result train(Tensor x, Tensor weight, Tensor bias, double eps) {
        if (!available(x, weight, bias)) {
            throw new IllegalStateException("batchNorm: no fused kernel for input " + x.dtype() + " " + x.shape()
                    + " on " + x.backend().name() + "; use BatchNormalization.batchNorm (the composite)");
        }
        BatchNormOps ops = Capabilities.find(x.backend(), BatchNormOps.class).orElseThrow();
        Tensor xIn = x.detach().contiguous();
        Tensor w = weight == null ? null : weight.detach().contiguous();
        Tensor b = bias == null ? null : bias.detach().contiguous();
        Shape stat = Shape.of(x.dim(1));
        Tensor mean = Factories.emptyForOverwrite(x.backend(), stat, x.dtype());
        Tensor var = Factories.emptyForOverwrite(x.backend(), stat, x.dtype());
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
        ops.batchNormTrain(out.view(), mean.view(), var.view(), xIn.view(), w == null ? null : w.view(),
                b == null ? null : b.view(), eps);
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        int wAt = weight == null ? -1 : add(inputs, weight);
        int bAt = bias == null ? -1 : add(inputs, bias);
        Tensor y = Autograd.record("batchNorm", out, (grad, needs) -> {
            Tensor gy = grad.contiguous();
            Tensor gx = needs[0] ? Factories.emptyForOverwrite(gy.backend(), xIn.shape(), gy.dtype()) : null;
            Tensor gw = wAt >= 0 && needs[wAt] ? Factories.emptyForOverwrite(gy.backend(), stat, gy.dtype()) : null;
            Tensor gb = bAt >= 0 && needs[bAt] ? Factories.emptyForOverwrite(gy.backend(), stat, gy.dtype()) : null;
            ops.batchNormTrainGrad(gx == null ? null : gx.view(), gw == null ? null : gw.view(),
                    gb == null ? null : gb.view(), gy.view(), xIn.view(), w == null ? null : w.view(), mean.view(),
                    var.view(), eps);
            Tensor[] grads = new Tensor[inputs.size()];
            grads[0] = gx;
            if (wAt >= 0) {
                grads[wAt] = gw;
            }
            if (bAt >= 0) {
                grads[bAt] = gb;
            }
            return grads;
        }, inputs.toArray(new Tensor[0]));
        return new Result(y, mean, var);
    }

    private static int add(List<Tensor> inputs, Tensor t) {
        inputs.add(t);
        return inputs.size() - 1;
    }
}
