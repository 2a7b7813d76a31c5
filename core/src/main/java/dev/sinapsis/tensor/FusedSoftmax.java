package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.SoftmaxOps;

/**
 * Softmax and log-softmax through a backend's fused kernel ({@link SoftmaxOps}), with the gradient
 * recorded in tensor ops. {@link dev.sinapsis.nn.functional.Activations} calls it when
 * {@link #available} says so and otherwise composes the same function from primitives (the
 * reference the conformance suite compares this path with).
 */
public final class FusedSoftmax {
    private FusedSoftmax() {
    }

    /** True when {@code x}'s backend has the fused kernel and {@code x} is a non-empty floating tensor of rank 1 or more. */
    public static boolean available(Tensor x) {
        return Capabilities.find(x.backend(), SoftmaxOps.class).isPresent() && x.dtype().isFloating() && x.rank() > 0 && x.numel() > 0;
    }

    /**
     * Softmax ({@code log == false}) or log-softmax along {@code axis}. A non-last axis is moved
     * last with a view for the kernel and the result is viewed back, so nothing is copied.
     *
     * @throws IllegalStateException when {@link #available} is false for {@code x}
     */
    public static Tensor apply(Tensor x, int axis, boolean log) {
        String op = log ? "logSoftmax" : "softmax";
        if (!available(x)) {
            throw new IllegalStateException(op + ": no fused kernel for " + x.dtype() + " " + x.shape() + " on "
                    + x.backend().name() + "; use Activations." + op);
        }
        int a = Shape.normalizeAxis(axis, x.rank(), op);
        int last = x.rank() - 1;
        Tensor in = a == last ? x.detach() : x.detach().transpose(a, last);
        Tensor out = Factories.empty(x.backend(), in.shape(), x.dtype());
        Capabilities.find(x.backend(), SoftmaxOps.class).orElseThrow().softmax(out.view(), in.view(), log);
        Tensor y = a == last ? out : out.transpose(a, last);
        int[] axes = {a};
        return Autograd.record(op, y, (g, needs) -> new Tensor[] {log
                // d logsoftmax: g - softmax(x) * sum(g)
                ? g.sub(y.exp().mul(g.sum(axes, true)))
                // d softmax: y * (g - sum(g * y))
                : y.mul(g.sub(g.mul(y).sum(axes, true)))}, x);
    }
}
