package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.ActivationOps;
import dev.sinapsis.backend.Capabilities;
import java.util.Optional;

/**
 * Activations through a backend's one-pass kernels ({@link ActivationOps}) where it has them, the
 * composite of primitives otherwise (the reference the conformance suite compares the kernels
 * with). The recorded backward uses the kernel too when nothing records; while recording (a
 * gradient of a gradient) it is the composite, so the result stays differentiable twice.
 */
public final class FusedActivations {
    private FusedActivations() {
    }

    /**
     * Leaky ReLU, {@code x > 0 ? x : slope * x}, as PyTorch's {@code F.leaky_relu}: the gradient is
     * {@code slope} at 0, and NaN stays NaN.
     *
     * @throws DTypeException for a non-floating {@code x}
     */
    public static Tensor leakyRelu(Tensor x, double slope) {
        Checks.floating("leakyRelu", x);
        Optional<ActivationOps> ops = Capabilities.find(x.backend(), ActivationOps.class);
        if (ops.isEmpty() || x.numel() == 0) {
            return Tensor.where(x.gt(0), x, x.mul(slope));
        }
        Tensor xc = x.detach().contiguous();
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
        ops.get().leakyRelu(out.view(), xc.view(), slope);
        return Autograd.record("leaky_relu", out, (g, needs) -> new Tensor[] {leakyReluGrad(g, xc, slope)}, x);
    }

    private static Tensor leakyReluGrad(Tensor g, Tensor x, double slope) {
        var ops = Capabilities.find(x.backend(), ActivationOps.class);
        if (ops.isPresent() && !Autograd.isEnabled() && g.backend() == x.backend() && g.dtype() == x.dtype()
                && g.shape().equals(x.shape())) {
            Tensor gc = g.contiguous();
            Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
            ops.get().leakyReluBackward(out.view(), gc.view(), x.view(), slope);
            return out;
        }
        return Tensor.where(x.gt(0), g, g.mul(slope));
    }
}
