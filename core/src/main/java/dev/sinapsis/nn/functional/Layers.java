package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * The computations of the dense layers as functions of their parameters (PyTorch's
 * {@code F.linear}, {@code F.layer_norm}, {@code F.embedding}, {@code F.dropout}); the modules
 * in {@code dev.sinapsis.nn} hold the parameters and call these.
 */
public final class Layers {
    private Layers() {
    }

    /**
     * {@code x W^T + b}: {@code x} is {@code [..., in]}, {@code weight} {@code [out, in]},
     * {@code bias} {@code [out]} or {@code null}.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || x.rank() == 0 || x.dim(-1) != weight.dim(1)) {
            throw new ShapeException("linear: input " + x.shape() + " and weight " + weight.shape()
                    + " do not fit; expected input [..., in] and weight [out, in]");
        }
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /**
     * Maxout: {@code linear(x, weight, bias)} with {@code weight} of {@code [out * pieces, in]},
     * then the maximum over each group of {@code pieces} consecutive outputs, giving {@code [..., out]}.
     */
    public static Tensor maxout(Tensor x, Tensor weight, Tensor bias, int pieces) {
        if (pieces <= 0 || weight.dim(0) % pieces != 0) {
            throw new IllegalArgumentException("maxout: " + weight.dim(0) + " linear outputs do not split into groups of "
                    + pieces);
        }
        Tensor z = linear(x, weight, bias);
        int[] shape = z.shape().toArray();
        int[] grouped = Arrays.copyOf(shape, shape.length + 1);
        grouped[shape.length - 1] = shape[shape.length - 1] / pieces;
        grouped[shape.length] = pieces;
        return z.reshape(grouped).max(-1);
    }

    /**
     * Layer normalisation over the trailing axes of shape {@code normalizedShape}, with the biased
     * variance: {@code (x - mean) / sqrt(var + eps) * weight + bias}; {@code weight} and
     * {@code bias} (of {@code normalizedShape}) may be {@code null}.
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        int[] in = x.shape().toArray();
        if (k == 0 || in.length < k
                || !Arrays.equals(Arrays.copyOfRange(in, in.length - k, in.length), normalizedShape)) {
            throw new ShapeException("layerNorm: input " + x.shape() + " must end with normalized shape "
                    + Arrays.toString(normalizedShape));
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = in.length - k + i;
        }
        Tensor centered = x.sub(x.mean(axes, true));
        Tensor var = centered.square().mean(axes, true);
        Tensor y = centered.mul(var.add(eps).rsqrt());
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    /**
     * Rows of {@code weight} ({@code [num, dim]}) at integer {@code indices} of any shape, giving
     * {@code [..., dim]}. Positions holding {@code paddingIdx} (unless -1) pass no gradient to
     * the table.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        if (indices.dtype().isFloating() || indices.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("embedding: indices must be integers, got " + indices.dtype());
        }
        if (weight.rank() != 2) {
            throw new ShapeException("embedding: weight must be [num, dim], got " + weight.shape());
        }
        int num = weight.dim(0);
        Tensor flat = indices.to(DType.I64).reshape(-1);
        for (long v : flat.toLongArray()) {
            if (v < 0 || v >= num) {
                throw new IndexOutOfBoundsException("embedding: index " + v + " is outside the table of " + num
                        + " rows");
            }
        }
        Tensor rows = weight.indexSelect(0, flat);
        if (paddingIdx >= 0) {
            // same values, but the padding positions take the detached branch: no gradient
            rows = Tensor.where(flat.ne(paddingIdx).unsqueeze(1), rows, rows.detach());
        }
        int[] shape = Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        shape[indices.rank()] = weight.dim(1);
        return rows.reshape(shape);
    }

    /**
     * Inverted dropout: when {@code training}, zeroes each element with probability {@code p}
     * (mask from {@code gen}) and scales the rest by {@code 1 / (1 - p)}; otherwise returns {@code x}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0);
        }
        Tensor keep = Tensor.bernoulli(gen, x.shape(), x.dtype(), 1 - p).to(x.backend());
        return x.mul(keep.mul(1 / (1 - p)));
    }
}
