package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Multi-head attention as a function of its inputs and parameters (PyTorch's
 * {@code F.multi_head_attention_forward}), batch first. {@link dev.sinapsis.nn.MultiheadAttention}
 * holds the parameters and calls it; tests differentiate it with the parameters as inputs.
 */
public final class MultiheadAttentionFunction {
    private MultiheadAttentionFunction() {
    }

    /**
     * The projections: {@code qWeight [E, E]}, {@code kWeight [E, kdim]}, {@code vWeight [E, vdim]},
     * {@code inBias [3E]} (or null), {@code outWeight [E, E]}, {@code outBias [E]} (or null).
     */
    public record Weights(Tensor qWeight, Tensor kWeight, Tensor vWeight, Tensor inBias, Tensor outWeight,
                          Tensor outBias) {
        /**
         * From PyTorch's packed {@code in_proj_weight [3E, E]} (rows: query, key, value), whose three
         * blocks become views, so gradients reach the packed tensor.
         */
        public static Weights packed(Tensor inProjWeight, Tensor inProjBias, Tensor outProjWeight,
                                     Tensor outProjBias) {
            if (inProjWeight.rank() != 2 || inProjWeight.dim(0) % 3 != 0) {
                throw new ShapeException("MultiheadAttention: in_proj_weight must be [3E, E], got "
                        + inProjWeight.shape());
            }
            int e = inProjWeight.dim(0) / 3;
            return new Weights(inProjWeight.narrow(0, 0, e), inProjWeight.narrow(0, e, e),
                    inProjWeight.narrow(0, 2 * e, e), inProjBias, outProjWeight, outProjBias);
        }

        int embedDim() {
            return qWeight.dim(0);
        }
    }

    /**
     * Multi-head attention on batch-first inputs. The query, key and value are projected, split
     * into {@code numHeads} heads of {@code E / numHeads}, attended with
     * {@code softmax(q k^T / sqrt(E / numHeads) + masks) v} per head, concatenated and projected out.
     *
     * @param query              {@code [N, L, E]}
     * @param key                {@code [N, S, kdim]}
     * @param value              {@code [N, S, vdim]}
     * @param keyPaddingMask     {@code null} or {@code [N, S]}: BOOL with {@code true} at the keys to
     *                           <em>ignore</em> (PyTorch's convention), or floating, added to the scores
     * @param attnMask           {@code null} or {@code [L, S]} or {@code [N * numHeads, L, S]}: BOOL
     *                           with {@code true} where a query may <em>not</em> attend (PyTorch's
     *                           {@code nn.MultiheadAttention} convention), or floating, added
     * @param needWeights        whether to return the attention weights
     * @param averageAttnWeights weights averaged over heads ({@code [N, L, S]}) or per head
     *                           ({@code [N, numHeads, L, S]})
     * @param dropoutP           dropout on the attention weights (0 in evaluation)
     * @param gen                the dropout masks' generator (may be null when {@code dropoutP == 0})
     * @return the output {@code [N, L, E]} and the weights (after dropout, as PyTorch) or null
     */
    public static AttentionOutput forward(Tensor query, Tensor key, Tensor value, int numHeads, Weights w,
                                          Tensor keyPaddingMask, Tensor attnMask, boolean needWeights,
                                          boolean averageAttnWeights, double dropoutP, Generator gen) {
        String op = "MultiheadAttention";
        if (query.rank() != 3 || key.rank() != 3 || value.rank() != 3) {
            throw new ShapeException(op + ": expected batched query [N, L, E], key [N, S, kdim] and value "
                    + "[N, S, vdim] (batch first), got " + query.shape() + ", " + key.shape() + ", " + value.shape());
        }
        int e = w.embedDim();
        int n = query.dim(0);
        int l = query.dim(1);
        int s = key.dim(1);
        if (key.dim(0) != n || value.dim(0) != n || value.dim(1) != s) {
            throw new ShapeException(op + ": query " + query.shape() + ", key " + key.shape() + " and value "
                    + value.shape() + " disagree on the batch size N or the source length S");
        }
        if (query.dim(2) != e || key.dim(2) != w.kWeight().dim(1) || value.dim(2) != w.vWeight().dim(1)) {
            throw new ShapeException(op + ": feature sizes query " + query.dim(2) + ", key " + key.dim(2) + ", value "
                    + value.dim(2) + " do not match the layer's embedDim " + e + ", kdim " + w.kWeight().dim(1)
                    + ", vdim " + w.vWeight().dim(1));
        }
        if (numHeads <= 0 || e % numHeads != 0) {
            throw new IllegalArgumentException(op + ": embedDim " + e + " is not divisible by numHeads " + numHeads);
        }
        int hd = e / numHeads;
        Tensor[] b = new Tensor[3];
        if (w.inBias() != null) {
            for (int i = 0; i < 3; i++) {
                b[i] = w.inBias().narrow(0, i * e, e);
            }
        }
        Tensor q = heads(Layers.linear(query, w.qWeight(), b[0]), n, l, numHeads, hd);
        Tensor k = heads(Layers.linear(key, w.kWeight(), b[1]), n, s, numHeads, hd);
        Tensor v = heads(Layers.linear(value, w.vWeight(), b[2]), n, s, numHeads, hd);
        Tensor mask = combinedMask(op, keyPaddingMask, attnMask, n, numHeads, l, s, query.dtype());
        AttentionOutput a = Attention.attend(op, q, k, v, mask, false, dropoutP, 1 / Math.sqrt(hd), gen);
        Tensor merged = a.output().permute(0, 2, 1, 3).reshape(n, l, e);
        Tensor out = Layers.linear(merged, w.outWeight(), w.outBias());
        if (!needWeights) {
            return new AttentionOutput(out, null);
        }
        Tensor weights = averageAttnWeights ? a.weights().mean(1) : a.weights();
        return new AttentionOutput(out, weights);
    }

    /** {@code [N, T, E]} to {@code [N, H, T, E/H]}. */
    private static Tensor heads(Tensor x, int n, int t, int h, int hd) {
        return x.reshape(n, t, h, hd).permute(0, 2, 1, 3);
    }

    /**
     * The two PyTorch-convention masks ({@code true} = masked out, or additive) as one mask in the
     * convention of {@link Attention#attend} ({@code true} = attend, or additive), broadcastable to
     * {@code [N, H, L, S]}; null when there is none.
     */
    private static Tensor combinedMask(String op, Tensor keyPadding, Tensor attnMask, int n, int h, int l, int s,
                                       DType dtype) {
        Tensor a = null;
        if (attnMask != null) {
            if (attnMask.shape().equals(Shape.of(l, s))) {
                a = attnMask;
            } else if (attnMask.shape().equals(Shape.of(n * h, l, s))) {
                a = attnMask.reshape(n, h, l, s);
            } else {
                throw new ShapeException(op + ": attnMask " + attnMask.shape() + " must be [L, S] = [" + l + ", " + s
                        + "] or [N * numHeads, L, S] = [" + n * h + ", " + l + ", " + s + "]");
            }
            checkMaskType(op, "attnMask", a);
        }
        Tensor p = null;
        if (keyPadding != null) {
            if (!keyPadding.shape().equals(Shape.of(n, s))) {
                throw new ShapeException(op + ": keyPaddingMask " + keyPadding.shape() + " must be [N, S] = [" + n
                        + ", " + s + "]");
            }
            checkMaskType(op, "keyPaddingMask", keyPadding);
            p = keyPadding.reshape(n, 1, 1, s);
        }
        if (a == null && p == null) {
            return null;
        }
        boolean allBool = (a == null || a.dtype() == DType.BOOL) && (p == null || p.dtype() == DType.BOOL);
        if (allBool) {
            Tensor masked = a == null ? p : p == null ? a : a.or(p);
            return masked.not();
        }
        Tensor fa = a == null ? null : additive(a, dtype);
        Tensor fp = p == null ? null : additive(p, dtype);
        return fa == null ? fp : fp == null ? fa : fa.add(fp);
    }

    private static void checkMaskType(String op, String name, Tensor m) {
        if (m.dtype() != DType.BOOL && !m.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": " + name + " must be BOOL (true = masked out) or floating "
                    + "(added to the scores), got " + m.dtype());
        }
    }

    /** A BOOL "masked out" mask as 0 / -inf, or a floating mask in {@code dtype}. */
    private static Tensor additive(Tensor m, DType dtype) {
        if (m.dtype() == DType.BOOL) {
            return Tensor.zerosLike(m).to(dtype).maskedFill(m, Attention.NEG_INF);
        }
        return m.to(dtype);
    }
}
