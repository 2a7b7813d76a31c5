package dev.sinapsis.nn;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.nn.functional.BatchNormalization;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Common part of {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's {@code _BatchNorm}):
 * per-channel normalisation over the batch and spatial axes with a learned affine transform.
 *
 * <p>State, named as in PyTorch: parameters {@code weight} (ones) and {@code bias} (zeros) when
 * affine; buffers {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (I64 scalar). In training mode the batch statistics normalise and
 * the running statistics are updated in place with {@code momentum} (using the unbiased batch
 * variance); in evaluation mode the running statistics normalise.
 */
public abstract class BatchNorm extends Module {
    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final String layer;
    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** A layer for {@code features} channels; {@code layer} names it in error messages. */
    protected BatchNorm(String layer, int features, double eps, double momentum, boolean affine) {
        if (features <= 0) {
            throw new IllegalArgumentException(layer + ": the number of features must be positive, got " + features);
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(layer + ": eps must be positive and momentum in [0, 1], got eps="
                    + eps + " momentum=" + momentum);
        }
        this.layer = layer;
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.ones(Shape.of(features), DType.F32)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(Shape.of(features), DType.F32)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(Shape.of(features), DType.F32));
        this.runningVar = registerBuffer("running_var", Tensor.ones(Shape.of(features), DType.F32));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(Shape.of(), DType.I64));
    }

    /** Throws unless {@code input} has an accepted rank; subclasses describe their layouts. */
    protected abstract void checkRank(Tensor input);

    /** The accepted layouts for error messages, e.g. {@code "[N, 4] or [N, 4, L]"}. */
    protected abstract String expected();

    @Override
    public Tensor forward(Tensor input) {
        checkRank(input);
        if (input.dim(1) != features) {
            throw new ShapeException(layer + ": expected input " + expected() + ", got " + input.shape());
        }
        boolean training = isTraining();
        Tensor out = BatchNormalization.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum,
                eps);
        if (training) {
            try (var ignored = Autograd.noGrad()) {
                numBatchesTracked.copyFrom(numBatchesTracked.add(1));
            }
        }
        return out;
    }

    /** The per-channel scale, or {@code null} when not affine. */
    public Tensor weight() {
        return weight;
    }

    /** The per-channel shift, or {@code null} when not affine. */
    public Tensor bias() {
        return bias;
    }

    /** The running mean buffer {@code [features]}, updated in place. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance buffer {@code [features]}, updated in place. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Number of training-mode forward passes so far (I64 scalar). */
    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    /** Number of channels. */
    public int features() {
        return features;
    }

    @Override
    public String toString() {
        return layer + "(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
                + ")";
    }
}
