package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * Maxout unit (Goodfellow et al., 2013): a linear map to {@code out * pieces} features, then the
 * maximum over each group of {@code pieces} consecutive features. Input {@code [..., in]},
 * output {@code [..., out]}; feature {@code j} is the max of linear outputs
 * {@code j*pieces .. j*pieces + pieces - 1}. Its linear part is the child {@code "linear"},
 * initialised like {@link Linear}.
 */
public final class Maxout extends Module {
    private final int out;
    private final int pieces;
    private final Linear linear;

    /** A maxout layer from {@code in} to {@code out} features with {@code pieces} linear pieces each. */
    public Maxout(int in, int out, int pieces, Generator gen) {
        this(in, out, pieces, gen, DType.F32);
    }

    /** As {@link #Maxout(int, int, int, Generator)}, with parameters of {@code dtype}. */
    public Maxout(int in, int out, int pieces, Generator gen, DType dtype) {
        if (pieces <= 0) {
            throw new IllegalArgumentException("Maxout: pieces must be positive, got " + pieces);
        }
        this.out = out;
        this.pieces = pieces;
        this.linear = registerModule("linear", new Linear(in, out * pieces, true, gen, dtype));
    }

    /** The linear part, {@code in -> out * pieces}. */
    public Linear linear() {
        return linear;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Layers.maxout(input, linear.weight(), linear.bias(), pieces);
    }

    @Override
    public String toString() {
        return "Maxout(in=" + linear.inFeatures() + ", out=" + out + ", pieces=" + pieces + ")";
    }
}
