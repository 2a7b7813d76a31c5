package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * A lookup table of {@code num} vectors of size {@code dim} (PyTorch's {@code nn.Embedding}):
 * integer indices of any shape {@code [...]} give vectors {@code [..., dim]}. The weight starts
 * standard normal; the row {@code paddingIdx} (if not -1) starts at zero and never receives a
 * gradient, so it stays what it is.
 */
public final class Embedding extends Module {
    private final int num;
    private final int dim;
    private final int paddingIdx;
    private final Tensor weight;

    /** A table without padding, initialised from the global generator. */
    public Embedding(int num, int dim) {
        this(num, dim, -1, Generator.global());
    }

    /**
     * A table of {@code num x dim}; {@code paddingIdx} is a row index in {@code [0, num)} (or
     * negative from the end, as in PyTorch), or -1 for none.
     */
    public Embedding(int num, int dim, int paddingIdx, Generator gen) {
        this(num, dim, paddingIdx, gen, DType.F32);
    }

    /** As {@link #Embedding(int, int, int, Generator)}, with a weight of {@code dtype}. */
    public Embedding(int num, int dim, int paddingIdx, Generator gen, DType dtype) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding: sizes must be positive, got num=" + num + ", dim=" + dim);
        }
        if (paddingIdx < -num || paddingIdx >= num) {
            throw new IllegalArgumentException("Embedding: paddingIdx " + paddingIdx + " is outside [-" + num + ", "
                    + num + ")");
        }
        this.num = num;
        this.dim = dim;
        this.paddingIdx = paddingIdx == -1 ? -1 : Math.floorMod(paddingIdx, num);
        Tensor w = Tensor.normal(gen, Shape.of(num, dim), dtype, 0, 1);
        if (this.paddingIdx >= 0) {
            w.select(0, this.paddingIdx).fill(0);
        }
        this.weight = registerParameter("weight", w);
    }

    /** The table, {@code [num, dim]}. */
    public Tensor weight() {
        return weight;
    }

    /** The padding row, or -1. */
    public int paddingIdx() {
        return paddingIdx;
    }

    @Override
    public Tensor forward(Tensor indices) {
        return Layers.embedding(indices, weight, paddingIdx);
    }

    @Override
    public String toString() {
        return "Embedding(" + num + ", " + dim + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "") + ")";
    }
}
