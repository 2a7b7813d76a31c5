package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * Fully connected layer {@code y = x W^T + b} (PyTorch's {@code nn.Linear}). {@code weight} has
 * shape {@code [out, in]}; the input is {@code [..., in]}, the output {@code [..., out]}.
 * Initialised as PyTorch does it: weight and bias uniform in {@code (-1/sqrt(in), 1/sqrt(in))}
 * (kaiming-uniform with {@code a = sqrt 5}).
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with a bias, initialised from the global generator. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Generator.global());
    }

    /** A layer with or without bias, initialised from {@code gen}, F32. */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
        this(inFeatures, outFeatures, bias, gen, DType.F32);
    }

    /** A layer with or without bias, initialised from {@code gen}, with parameters of {@code dtype}. */
    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen, DType dtype) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: feature counts must be positive, got in=" + inFeatures
                    + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = 1 / Math.sqrt(inFeatures);
        this.weight = registerParameter("weight",
                Tensor.uniform(gen, Shape.of(outFeatures, inFeatures), dtype, -bound, bound));
        this.bias = bias ? registerParameter("bias",
                Tensor.uniform(gen, Shape.of(outFeatures), dtype, -bound, bound)) : null;
    }

    /** The weight, {@code [out, in]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or {@code null} for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    /** Number of input features. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Number of output features. */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Layers.linear(input, weight, bias);
    }

    @Override
    public String toString() {
        return "Linear(in=" + inFeatures + ", out=" + outFeatures + ", bias=" + (bias != null) + ")";
    }
}
