package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation (PyTorch's {@code nn.LayerNorm}): each sample is normalised over its last
 * {@code normalizedShape.length} axes with the mean and the biased variance,
 * {@code (x - mean) / sqrt(var + eps)}, then scaled by {@code weight} and shifted by {@code bias}
 * (both of {@code normalizedShape}, starting at 1 and 0) when {@code elementwiseAffine}.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** Over the trailing axes {@code normalizedShape}, with {@code eps = 1e-5} and an affine part. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** Over the trailing axes {@code normalizedShape}, with the given {@code eps} and affine choice. */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        this(normalizedShape, eps, elementwiseAffine, DType.F32);
    }

    /** As {@link #LayerNorm(int[], double, boolean)}, with parameters of {@code dtype}. */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must name at least one axis");
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        Shape s = Shape.of(normalizedShape);
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(s, dtype)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensor.zeros(s, dtype)) : null;
    }

    /** The scale, or {@code null} without an affine part. */
    public Tensor weight() {
        return weight;
    }

    /** The shift, or {@code null} without an affine part. */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Layers.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null) + ")";
    }
}
