package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.PoolingOps;

/**
 * 2-d max pooling through a backend's fused kernel ({@link PoolingOps}): one pass forward that
 * also yields the flat indices, and a scatter of the gradient through them backward.
 * {@code Pooling.maxPool2d} uses it when {@link #available} says so and otherwise composes the
 * same function from unfold, argmax and gather.
 */
public final class FusedMaxPool {
    private FusedMaxPool() {
    }

    /** True when {@code x}'s backend has the fused kernel and {@code x} is floating. */
    public static boolean available(Tensor x) {
        return Capabilities.find(x.backend(), PoolingOps.class).isPresent() && x.dtype().isFloating();
    }

    /**
     * Pools {@code x} ({@code [N, C, H, W]}) with geometry {@code g}; returns the output and the
     * I64 flat indices {@code h*W + w} of the maxima (both {@code [N, C, oH, oW]}).
     *
     * @throws IllegalStateException when {@link #available} is false for {@code x}
     */
    public static Tensor[] apply(Tensor x, ConvGeometry g) {
        if (!available(x)) {
            throw new IllegalStateException("maxPool2d: no fused kernel for " + x.dtype() + " on "
                    + x.backend().name() + "; use Pooling.maxPool2d");
        }
        PoolingOps ops = Capabilities.find(x.backend(), PoolingOps.class).orElseThrow();
        Shape outShape = Shape.of(x.dim(0), x.dim(1), g.outH(x.dim(2)), g.outW(x.dim(3)));
        Tensor out = Factories.emptyForOverwrite(x.backend(), outShape, x.dtype());
        Tensor indices = Factories.emptyForOverwrite(x.backend(), outShape, DType.I64);
        ops.maxPool2d(out.view(), indices.view(), x.view(), g);
        Shape inShape = x.shape();
        Tensor y = Autograd.record("maxPool2d", out, (grad, needs) -> {
            Tensor gradIn = Factories.empty(grad.backend(), inShape, grad.dtype()); // allocate zeroes
            ops.maxPool2dBackward(gradIn.view(), grad.contiguous().view(), indices.view());
            return new Tensor[] {gradIn};
        }, x);
        return new Tensor[] {y, indices};
    }
}
