package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * Attention as functions of their inputs and parameters: scaled dot-product attention (PyTorch 2's
 * {@code F.scaled_dot_product_attention}, with its mask convention), additive (Bahdanau) attention,
 * and the key-padding masks built from sequence lengths. Multi-head attention is in
 * {@link MultiheadAttentionFunction}. Everything is composed from tensor ops, so every backend runs
 * it and autograd differentiates it.
 *
 * <p><b>Masks.</b> The functions here take a <em>boolean mask where {@code true} means "attend"</em>
 * (PyTorch 2's {@code attn_mask} convention for {@code scaled_dot_product_attention}), or a floating
 * mask that is <em>added</em> to the scores (0 to keep, {@code -inf} to drop, anything in between to
 * bias). The modules follow {@code nn.MultiheadAttention}'s opposite convention for their
 * <em>padding</em> masks ({@code true} = ignore this key) and say so. A query whose every key is
 * masked gets NaN weights and a NaN output, as in PyTorch (its softmax is 0/0).
 */
public final class Attention {
    static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private Attention() {
    }

    /**
     * {@code softmax(q k^T / sqrt(E) + mask) v} (PyTorch 2's {@code F.scaled_dot_product_attention}
     * without dropout): {@code q} is {@code [..., L, E]}, {@code k} {@code [..., S, E]}, {@code v}
     * {@code [..., S, Ev]} (leading axes broadcast); the result is {@code [..., L, Ev]}.
     *
     * @param mask   {@code null}, a BOOL mask broadcastable to {@code [..., L, S]} where {@code true}
     *               means the query may attend to the key (PyTorch 2's convention), or a floating
     *               mask added to the scores
     * @param causal when true, query {@code i} attends only to keys {@code j <= i} (the lower
     *               triangle of an {@code L x S} matrix, aligned top-left as in PyTorch); combined
     *               with {@code mask} when both are given (PyTorch refuses both at once)
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        return attend("scaledDotProductAttention", q, k, v, mask, causal, 0, defaultScale(q), null).output();
    }

    /**
     * As {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, Tensor, boolean)}, with dropout of
     * probability {@code dropoutP} on the attention weights (drawn from {@code gen}; applied whenever
     * {@code dropoutP > 0}, as PyTorch's {@code dropout_p}: pass 0 in evaluation).
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal,
                                                   double dropoutP, Generator gen) {
        return attend("scaledDotProductAttention", q, k, v, mask, causal, dropoutP, defaultScale(q), gen).output();
    }

    /**
     * As {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, Tensor, boolean)}, also returning
     * the attention weights {@code [..., L, S]}.
     */
    public static AttentionOutput scaledDotProductAttentionWithWeights(Tensor q, Tensor k, Tensor v, Tensor mask,
                                                                       boolean causal) {
        return attend("scaledDotProductAttention", q, k, v, mask, causal, 0, defaultScale(q), null);
    }

    /**
     * The general form: scores scaled by {@code scale} (PyTorch's {@code scale}; the other forms use
     * {@code 1 / sqrt(E)}), dropout of probability {@code dropoutP} on the weights (from {@code gen},
     * which may be null when {@code dropoutP == 0}); returns the output and the weights after dropout.
     */
    public static AttentionOutput scaledDotProductAttentionWithWeights(Tensor q, Tensor k, Tensor v, Tensor mask,
                                                                       boolean causal, double dropoutP, double scale,
                                                                       Generator gen) {
        return attend("scaledDotProductAttention", q, k, v, mask, causal, dropoutP, scale, gen);
    }

    private static double defaultScale(Tensor q) {
        return q.rank() == 0 || q.dim(-1) == 0 ? 1 : 1 / Math.sqrt(q.dim(-1));
    }

    static AttentionOutput attend(String op, Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal,
                                  double dropoutP, double scale, Generator gen) {
        if (q.rank() < 2 || k.rank() < 2 || v.rank() < 2) {
            throw new ShapeException(op + ": query " + q.shape() + ", key " + k.shape() + " and value " + v.shape()
                    + " need at least 2 axes each ([..., L, E], [..., S, E], [..., S, Ev])");
        }
        if (q.dim(-1) != k.dim(-1) || k.dim(-2) != v.dim(-2)) {
            throw new ShapeException(op + ": query " + q.shape() + ", key " + k.shape() + " and value " + v.shape()
                    + " do not fit: expected query [..., L, E], key [..., S, E] and value [..., S, Ev]");
        }
        if (!q.dtype().isFloating() || k.dtype() != q.dtype() || v.dtype() != q.dtype()) {
            throw new IllegalArgumentException(op + ": query, key and value must share one floating dtype, got "
                    + q.dtype() + ", " + k.dtype() + ", " + v.dtype());
        }
        if (!(dropoutP >= 0 && dropoutP < 1)) {
            throw new IllegalArgumentException(op + ": dropout probability must be in [0, 1), got " + dropoutP);
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException(op + ": scale must be finite, got " + scale);
        }
        int l = q.dim(-2);
        int s = k.dim(-2);
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(scale);
        if (mask != null) {
            scores = applyMask(op, scores, mask, l, s);
        }
        if (causal) {
            scores = Tensor.where(causalMask(l, s).to(q.backend()), scores, NEG_INF);
        }
        Tensor weights = Activations.softmax(scores, -1);
        if (dropoutP > 0) {
            if (gen == null) {
                throw new IllegalArgumentException(op + ": dropout " + dropoutP + " needs a generator");
            }
            weights = Layers.dropout(weights, dropoutP, true, gen);
        }
        return new AttentionOutput(weights.matmul(v), weights);
    }

    /** Applies an sdpa-convention mask (BOOL true = attend, or additive floats) to {@code scores}. */
    private static Tensor applyMask(String op, Tensor scores, Tensor mask, int l, int s) {
        int r = mask.rank();
        boolean fits = r == 0 || (mask.dim(-1) == s || mask.dim(-1) == 1) && (r < 2 || mask.dim(-2) == l
                || mask.dim(-2) == 1);
        if (!fits) {
            throw new ShapeException(op + ": mask " + mask.shape() + " does not broadcast to the scores [..., " + l
                    + ", " + s + "] (L queries, S keys)");
        }
        try {
            Shape.broadcast(mask.shape(), scores.shape(), op);
        } catch (ShapeException e) {
            throw new ShapeException(op + ": mask " + mask.shape() + " does not broadcast to the scores "
                    + scores.shape());
        }
        if (mask.dtype() == DType.BOOL) {
            return Tensor.where(mask, scores, NEG_INF);
        }
        if (mask.dtype().isFloating()) {
            return scores.add(mask.to(scores.dtype()));
        }
        throw new IllegalArgumentException(op + ": mask must be BOOL (true = attend) or floating (added to the "
                + "scores), got " + mask.dtype());
    }

    /** BOOL {@code [l, s]}, true on and below the diagonal: query {@code i} sees keys {@code 0..i}. */
    static Tensor causalMask(int l, int s) {
        boolean[] m = new boolean[l * s];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j <= i && j < s; j++) {
                m[i * s + j] = true;
            }
        }
        return Tensor.of(m, l, s);
    }

    /**
     * A key-padding mask from sequence lengths: BOOL {@code [N, maxLength]}, {@code true} at the
     * padded positions {@code j >= lengths[n]} (the convention of the modules' {@code keyPaddingMask},
     * PyTorch's {@code key_padding_mask}); {@code .not()} of it is an "attend" mask for
     * {@link #scaledDotProductAttention}. Made on the current backend.
     */
    public static Tensor keyPaddingMask(int[] lengths, int maxLength) {
        boolean[] m = new boolean[lengths.length * maxLength];
        for (int n = 0; n < lengths.length; n++) {
            if (lengths[n] < 0 || lengths[n] > maxLength) {
                throw new IllegalArgumentException("keyPaddingMask: length " + lengths[n] + " of sequence " + n
                        + " is outside [0, " + maxLength + "]");
            }
            Arrays.fill(m, n * maxLength + lengths[n], (n + 1) * maxLength, true);
        }
        return Tensor.of(m, lengths.length, maxLength);
    }

    /**
     * Additive (Bahdanau) attention: {@code score(q, k_j) = v^T tanh(W_q q + W_k k_j)}, a softmax over
     * the keys, and the weighted sum of the values.
     *
     * @param query          {@code [N, Dq]} (one query per sequence, e.g. a decoder state) or {@code [N, L, Dq]}
     * @param keys           {@code [N, S, Dk]}
     * @param values         {@code [N, S, Dv]}
     * @param keyPaddingMask {@code null}, or BOOL {@code [N, S]} with {@code true} at the keys to ignore
     *                       (padding; see {@link #keyPaddingMask}), or a floating {@code [N, S]} added to the scores
     * @param queryWeight    {@code W_q}, {@code [H, Dq]}
     * @param keyWeight      {@code W_k}, {@code [H, Dk]}
     * @param scoreWeight    {@code v^T}, {@code [1, H]}
     * @param dropoutP       dropout on the weights (0 for none; from {@code gen})
     * @return the context {@code [N, Dv]} (or {@code [N, L, Dv]}) and the weights {@code [N, S]} (or {@code [N, L, S]})
     */
    public static AttentionOutput additiveAttention(Tensor query, Tensor keys, Tensor values, Tensor keyPaddingMask,
                                                    Tensor queryWeight, Tensor keyWeight, Tensor scoreWeight,
                                                    double dropoutP, Generator gen) {
        String op = "AdditiveAttention";
        boolean single = query.rank() == 2;
        if (!(single || query.rank() == 3) || keys.rank() != 3 || values.rank() != 3) {
            throw new ShapeException(op + ": expected query [N, Dq] or [N, L, Dq], keys [N, S, Dk] and values "
                    + "[N, S, Dv], got " + query.shape() + ", " + keys.shape() + ", " + values.shape());
        }
        int n = query.dim(0);
        int s = keys.dim(1);
        if (keys.dim(0) != n || values.dim(0) != n || values.dim(1) != s) {
            throw new ShapeException(op + ": query " + query.shape() + ", keys " + keys.shape() + " and values "
                    + values.shape() + " disagree on the batch size N or the number of keys S");
        }
        if (query.dim(-1) != queryWeight.dim(1) || keys.dim(2) != keyWeight.dim(1)) {
            throw new ShapeException(op + ": query features " + query.dim(-1) + " and key features " + keys.dim(2)
                    + " must match the layer's query and key sizes " + queryWeight.dim(1) + " and " + keyWeight.dim(1));
        }
        if (!(dropoutP >= 0 && dropoutP < 1)) {
            throw new IllegalArgumentException(op + ": dropout probability must be in [0, 1), got " + dropoutP);
        }
        Tensor q3 = single ? query.unsqueeze(1) : query;
        Tensor qp = Layers.linear(q3, queryWeight, null).unsqueeze(2);   // [N, L, 1, H]
        Tensor kp = Layers.linear(keys, keyWeight, null).unsqueeze(1);   // [N, 1, S, H]
        Tensor scores = Layers.linear(qp.add(kp).tanh(), scoreWeight, null).squeeze(-1); // [N, L, S]
        if (keyPaddingMask != null) {
            if (!keyPaddingMask.shape().equals(Shape.of(n, s))) {
                throw new ShapeException(op + ": keyPaddingMask " + keyPaddingMask.shape() + " must be [N, S] = ["
                        + n + ", " + s + "]");
            }
            scores = padKeys(op, scores, keyPaddingMask.unsqueeze(1));
        }
        Tensor weights = Activations.softmax(scores, -1);
        if (dropoutP > 0) {
            weights = Layers.dropout(weights, dropoutP, true, gen);
        }
        Tensor context = weights.matmul(values);
        return single ? new AttentionOutput(context.squeeze(1), weights.squeeze(1))
                : new AttentionOutput(context, weights);
    }

    /** Applies a padding-convention mask (BOOL true = ignore, or additive floats) to {@code scores}. */
    static Tensor padKeys(String op, Tensor scores, Tensor padding) {
        if (padding.dtype() == DType.BOOL) {
            return scores.maskedFill(padding, NEG_INF);
        }
        if (padding.dtype().isFloating()) {
            return scores.add(padding.to(scores.dtype()));
        }
        throw new IllegalArgumentException(op + ": keyPaddingMask must be BOOL (true = ignore) or floating (added "
                + "to the scores), got " + padding.dtype());
    }
}
