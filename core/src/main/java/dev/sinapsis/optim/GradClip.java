package dev.sinapsis.optim;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Gradient clipping with the semantics of PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_}. */
public final class GradClip {
    private GradClip() {
    }

    /** {@link #clipGradNorm(List, double, double)} with the Euclidean norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm(List, double, double, boolean)} that does not fail on a non-finite norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales the gradients of {@code params} so that their total norm (the {@code normType}-norm of
     * all gradients taken together as one vector) is at most {@code maxNorm}:
     * {@code g *= min(1, maxNorm / (total + 1e-6))}. Parameters without a gradient are ignored.
     * Gradients are replaced ({@link Tensor#setGrad}), never written in place.
     *
     * @param normType         p of the p-norm, {@code > 0}, or {@link Double#POSITIVE_INFINITY} for the max norm
     * @param errorIfNonfinite throw if the total norm is NaN or infinite (the gradients are then left unchanged)
     * @return the total norm before clipping (0 when no parameter has a gradient)
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 or infinity, got " + normType);
        }
        List<Tensor> withGrad = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) {
                withGrad.add(p);
            }
        }
        if (withGrad.isEmpty()) {
            return 0.0;
        }
        try (var ignored = Autograd.noGrad()) {
            List<Tensor> norms = new ArrayList<>();
            for (Tensor p : withGrad) {
                norms.add(norm(p.grad().reshape(-1), normType));
            }
            double total = norm(Tensor.stack(0, norms), normType).item();
            if (errorIfNonfinite && !Double.isFinite(total)) {
                throw new IllegalStateException("clipGradNorm: the total norm of order " + normType
                        + " of the gradients is " + total + "; set errorIfNonfinite=false to clip anyway");
            }
            double coefficient = Math.min(maxNorm / (total + 1e-6), 1.0);
            for (Tensor p : withGrad) {
                p.setGrad(p.grad().mul(coefficient));
            }
            return total;
        }
    }

    private static Tensor norm(Tensor v, double p) {
        if (Double.isInfinite(p)) {
            return v.abs().max();
        }
        if (p == 2) {
            return v.square().sum().sqrt();
        }
        if (p == 1) {
            return v.abs().sum();
        }
        return v.abs().pow(p).sum().pow(1 / p);
    }

    /** Clamps every gradient element of {@code params} to {@code [-clip, clip]}; parameters without a gradient are ignored. */
    public static void clipGradValue(List<Tensor> params, double clip) {
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clip must be >= 0, got " + clip);
        }
        try (var ignored = Autograd.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.setGrad(p.grad().clamp(-clip, clip));
                }
            }
        }
    }
}
