package dev.sinapsis.nn;

import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Batch normalisation of {@code [N, C, H, W]} inputs (PyTorch's {@code nn.BatchNorm2d}); see
 * {@link BatchNorm} for the state and modes.
 */
public final class BatchNorm2d extends BatchNorm {
    /** {@code features} channels with PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
    public BatchNorm2d(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    /** The general form. */
    public BatchNorm2d(int features, double eps, double momentum, boolean affine) {
        super("BatchNorm2d", features, eps, momentum, affine);
    }

    @Override
    protected void checkRank(Tensor input) {
        if (input.rank() != 4) {
            throw new ShapeException("BatchNorm2d: expected input " + expected() + ", got " + input.shape());
        }
    }

    @Override
    protected String expected() {
        return "[N, " + features() + ", H, W]";
    }
}
