package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;

/** Flattens axes {@code startDim..endDim} (inclusive) into one (PyTorch's {@code nn.Flatten}). */
public final class Flatten extends Activation {
    /** PyTorch's default: every axis but the batch axis, {@code startDim = 1, endDim = -1}. */
    public Flatten() {
        this(1, -1);
    }

    /** Flattens axes {@code startDim..endDim}; negative values count from the end. */
    public Flatten(int startDim, int endDim) {
        super("Flatten(startDim=" + startDim + ", endDim=" + endDim + ")", x -> flatten(x, startDim, endDim));
    }

    private static Tensor flatten(Tensor x, int startDim, int endDim) {
        return x.rank() == 0 ? x.reshape(1) : x.flatten(startDim, endDim);
    }
}
