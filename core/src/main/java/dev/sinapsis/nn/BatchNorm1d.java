package dev.sinapsis.nn;

import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} inputs (PyTorch's
 * {@code nn.BatchNorm1d}); see {@link BatchNorm} for the state and modes.
 */
public final class BatchNorm1d extends BatchNorm {
    /** {@code features} channels with PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm1d(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    /** The general form. */
    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        super("BatchNorm1d", features, eps, momentum, affine);
    }

    @Override
    protected void checkRank(Tensor input) {
        if (input.rank() != 2 && input.rank() != 3) {
            throw new ShapeException("BatchNorm1d: expected input " + expected() + ", got " + input.shape());
        }
    }

    @Override
    protected String expected() {
        return "[N, " + features() + "] or [N, " + features() + ", L]";
    }
}
