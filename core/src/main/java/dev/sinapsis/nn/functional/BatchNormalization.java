package dev.sinapsis.nn.functional;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.FusedBatchNorm;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Batch normalisation (PyTorch's {@code F.batch_norm}) over every axis but the channel axis 1 of
 * {@code [N, C]}, {@code [N, C, L]} or {@code [N, C, H, W]} inputs, composed from tensor ops so
 * it is differentiable on every backend; in training mode a backend's fused kernels
 * ({@link dev.sinapsis.backend.BatchNormOps}, through {@link FusedBatchNorm}) run instead when it has them.
 */
public final class BatchNormalization {
    private BatchNormalization() {
    }

    /**
     * Normalises {@code x} per channel and applies the affine transform {@code weight * x + bias}.
     *
     * <p>In training mode the batch mean and biased batch variance normalise {@code x}, and, when
     * given, {@code runningMean} and {@code runningVar} are updated in place (not recorded on the
     * tape) as {@code running = (1 - momentum) * running + momentum * batchStat}, using the
     * unbiased batch variance, like PyTorch. In evaluation mode the running statistics normalise.
     * Running statistics and affine parameters are converted to {@code x}'s dtype.
     *
     * @param x           input {@code [N, C, ...]}
     * @param runningMean {@code [C]}, or {@code null} (required when not training)
     * @param runningVar  {@code [C]}, or {@code null} (required when not training)
     * @param weight      {@code [C]} scale, or {@code null} for 1
     * @param bias        {@code [C]} shift, or {@code null} for 0
     * @param training    use (and track) batch statistics
     * @param momentum    weight of the new batch statistics in the running average
     * @param eps         added to the variance for stability
     * @throws ShapeException           when a {@code [C]} tensor has the wrong shape
     * @throws IllegalArgumentException when training with a single value per channel
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if (x.rank() < 2) {
            throw new ShapeException("batchNorm: expected input [N, C, ...], got " + x.shape());
        }
        int c = x.dim(1);
        check("running mean", runningMean, c);
        check("running var", runningVar, c);
        check("weight", weight, c);
        check("bias", bias, c);
        int[] axes = new int[x.rank() - 1];
        int[] bshape = new int[x.rank()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = c;
        axes[0] = 0;
        for (int i = 2; i < x.rank(); i++) {
            axes[i - 1] = i;
        }
        Tensor w = weight == null ? null : weight.to(x.dtype());
        Tensor b = bias == null ? null : bias.to(x.dtype());
        Tensor mean;
        Tensor variance;
        if (training) {
            long count = x.numel() / Math.max(c, 1);
            if (count <= 1) {
                throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, "
                        + "got input " + x.shape());
            }
            Tensor fusedOut = null;
            if (FusedBatchNorm.available(x, w, b)) {
                FusedBatchNorm.Result r = FusedBatchNorm.train(x, w, b, eps);
                fusedOut = r.output();
                mean = r.mean();
                variance = r.variance();
            } else {
                mean = x.mean(axes, true);
                variance = x.var(axes, false, true);
            }
            if (runningMean != null || runningVar != null) {
                try (var ignored = Autograd.noGrad()) {
                    if (runningMean != null) {
                        Tensor m = mean.detach().reshape(c).to(runningMean.dtype());
                        runningMean.copyFrom(runningMean.mul(1 - momentum).add(m.mul(momentum)));
                    }
                    if (runningVar != null) {
                        Tensor unbiased = variance.detach().reshape(c).mul((double) count / (count - 1))
                                .to(runningVar.dtype());
                        runningVar.copyFrom(runningVar.mul(1 - momentum).add(unbiased.mul(momentum)));
                    }
                }
            }
            if (fusedOut != null) {
                return fusedOut;
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batchNorm: evaluation mode needs the running mean and variance");
            }
            mean = runningMean.to(x.dtype()).reshape(bshape);
            variance = runningVar.to(x.dtype()).reshape(bshape);
        }
        Tensor y = x.sub(mean).mul(variance.add(eps).rsqrt());
        if (w != null) {
            y = y.mul(w.reshape(bshape));
        }
        if (b != null) {
            y = y.add(b.reshape(bshape));
        }
        return y;
    }

    private static void check(String what, Tensor t, int c) {
        if (t != null && (t.rank() != 1 || t.dim(0) != c)) {
            throw new ShapeException("batchNorm: " + what + " must be [" + c + "], got " + t.shape());
        }
    }
}
