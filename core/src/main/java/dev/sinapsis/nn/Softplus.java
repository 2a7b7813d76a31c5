package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** {@code log(1 + e^(beta x)) / beta}, linear above the threshold; see {@link Activations#softplus(dev.sinapsis.tensor.Tensor, double, double)}. */
public final class Softplus extends Activation {
    /** With PyTorch's defaults beta 1, threshold 20. */
    public Softplus() {
        this(1, 20);
    }

    /** With the given beta and threshold. */
    public Softplus(double beta, double threshold) {
        super("Softplus(beta=" + beta + ", threshold=" + threshold + ")",
                x -> Activations.softplus(x, beta, threshold));
    }
}
