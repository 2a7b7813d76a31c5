package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.FusedActivations;
import dev.sinapsis.tensor.FusedSoftmax;
import dev.sinapsis.tensor.Tensor;

/**
 * Activation functions with PyTorch's semantics ({@code torch.nn.functional}), composed from
 * tensor ops so every backend computes them and autograd differentiates them.
 *
 * <pre>{@code
 * Tensor h = Activations.gelu(x.matmul(w));
 * Tensor logp = Activations.logSoftmax(logits, -1);
 * }</pre>
 */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Activations() {
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** Hyperbolic tangent. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code max(x, 0)}; the gradient at 0 is 0, as in PyTorch. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /**
     * {@code x} for {@code x > 0}, else {@code slope * x} (PyTorch's default slope is 0.01): one pass
     * forward and one backward where the backend has {@code ActivationOps}, else
     * {@code where(x > 0, x, slope * x)}.
     */
    public static Tensor leakyRelu(Tensor x, double slope) {
        return FusedActivations.leakyRelu(x, slope);
    }

    /** {@code x} for {@code x > 0}, else {@code alpha * (e^x - 1)} (PyTorch's default alpha is 1). */
    public static Tensor elu(Tensor x, double alpha) {
        Tensor negative = x.clamp(Double.NEGATIVE_INFINITY, 0).expm1().mul(alpha);
        return Tensor.where(x.gt(0), x, negative);
    }

    /** {@link #softplus(Tensor, double, double)} with PyTorch's defaults {@code beta = 1, threshold = 20}. */
    public static Tensor softplus(Tensor x) {
        return softplus(x, 1, 20);
    }

    /**
     * {@code log(1 + e^(beta x)) / beta}; where {@code beta x > threshold} the result is {@code x}
     * itself (the linear regime, exactly as PyTorch does it).
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        Tensor bx = x.mul(beta);
        // clamping keeps exp finite in the branch that where() discards, so no inf*0 in backward
        Tensor smooth = bx.clamp(Double.NEGATIVE_INFINITY, threshold).exp().log1p().div(beta);
        return Tensor.where(bx.gt(threshold), x, smooth);
    }

    /**
     * GELU in PyTorch's default (exact) form {@code x * Phi(x)}, with {@code Phi} the standard
     * normal distribution function computed from {@link Special#erfc}.
     */
    public static Tensor gelu(Tensor x) {
        return x.mul(Special.normalCdf(x));
    }

    /**
     * GELU; with {@code tanhApproximation} the form PyTorch selects with {@code approximate='tanh'}:
     * {@code x/2 * (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
     */
    public static Tensor gelu(Tensor x, boolean tanhApproximation) {
        if (!tanhApproximation) {
            return gelu(x);
        }
        Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(SQRT_2_OVER_PI);
        return x.mul(0.5).mul(inner.tanh().add(1));
    }

    /**
     * {@code e^x / sum(e^x)} along {@code axis}, computed with the maximum subtracted. Runs the
     * backend's fused kernel when it has one ({@link dev.sinapsis.backend.SoftmaxOps}), else the
     * composite of tensor ops; both give the same values and gradients.
     */
    public static Tensor softmax(Tensor x, int axis) {
        return FusedSoftmax.available(x) ? FusedSoftmax.apply(x, axis, false) : softmaxComposite(x, axis);
    }

    /**
     * {@code x - logsumexp(x)} along {@code axis}; finite for logits of any finite size. Fused when
     * the backend can, as {@link #softmax}.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return FusedSoftmax.available(x) ? FusedSoftmax.apply(x, axis, true) : logSoftmaxComposite(x, axis);
    }

    /** Softmax composed from primitives: the reference every fused kernel is compared with. */
    private static Tensor softmaxComposite(Tensor x, int axis) {
        Tensor shifted = x.sub(x.detach().max(new int[] {axis}, true));
        Tensor e = shifted.exp();
        return e.div(e.sum(new int[] {axis}, true));
    }

    /** Log-softmax composed from primitives: the reference every fused kernel is compared with. */
    private static Tensor logSoftmaxComposite(Tensor x, int axis) {
        return x.sub(x.logsumexp(new int[] {axis}, true));
    }
}
