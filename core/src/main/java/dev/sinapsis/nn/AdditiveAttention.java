package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Attention;
import dev.sinapsis.nn.functional.AttentionOutput;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * Additive (Bahdanau) attention: each key {@code k_j} is scored against the query by
 * {@code v^T tanh(W_q q + W_k k_j)}, the scores over the keys go through a softmax, and the
 * context is the weighted sum of the values. The usual decoder-side attention of an
 * encoder-decoder: the query is the decoder's state, keys and values the encoder's outputs.
 * Parameters: {@code query_proj.weight} {@code [H, Dq]}, {@code key_proj.weight} {@code [H, Dk]},
 * {@code v.weight} {@code [1, H]} (three bias-free {@link Linear}s with PyTorch's default
 * initialisation). PyTorch has no such module; this follows the course and the paper.
 *
 * <pre>{@code
 * AdditiveAttention att = new AdditiveAttention(decoderHidden, encoderHidden, 64);
 * Tensor padding = Attention.keyPaddingMask(lengths, maxLen);       // true = padded key
 * AttentionOutput r = att.forward(state, encoderOutputs, encoderOutputs, padding);
 * Tensor context = r.output();                                      // [N, encoderHidden]
 * }</pre>
 */
public final class AdditiveAttention extends Module {
    private final Linear queryProj;
    private final Linear keyProj;
    private final Linear v;
    private final double dropout;
    private final Generator gen;

    /** Queries of {@code queryDim}, keys of {@code keyDim}, {@code hiddenDim} scoring units; F32, global generator. */
    public AdditiveAttention(int queryDim, int keyDim, int hiddenDim) {
        this(queryDim, keyDim, hiddenDim, 0, Generator.global(), DType.F32);
    }

    /** As {@link #AdditiveAttention(int, int, int)}, with dropout on the weights in training, a generator and a dtype. */
    public AdditiveAttention(int queryDim, int keyDim, int hiddenDim, double dropout, Generator gen, DType dtype) {
        if (queryDim <= 0 || keyDim <= 0 || hiddenDim <= 0) {
            throw new IllegalArgumentException("AdditiveAttention: sizes must be positive, got queryDim=" + queryDim
                    + ", keyDim=" + keyDim + ", hiddenDim=" + hiddenDim);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("AdditiveAttention: dropout must be in [0, 1), got " + dropout);
        }
        this.queryProj = registerModule("query_proj", new Linear(queryDim, hiddenDim, false, gen, dtype));
        this.keyProj = registerModule("key_proj", new Linear(keyDim, hiddenDim, false, gen, dtype));
        this.v = registerModule("v", new Linear(hiddenDim, 1, false, gen, dtype));
        this.dropout = dropout;
        this.gen = gen;
    }

    /** Not defined for one input: attention needs a query, keys and values. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("AdditiveAttention: needs a query, keys and values; call "
                + "forward(query, keys, values, keyPaddingMask)");
    }

    /**
     * The context and the weights.
     *
     * @param query          {@code [N, Dq]} or {@code [N, L, Dq]}
     * @param keys           {@code [N, S, Dk]}
     * @param values         {@code [N, S, Dv]}
     * @param keyPaddingMask null, or BOOL {@code [N, S]} with {@code true} at keys to <em>ignore</em>
     *                       (see {@link Attention#keyPaddingMask}), or floating, added to the scores
     * @return the context {@code [N, Dv]} (or {@code [N, L, Dv]}) and the weights {@code [N, S]} (or {@code [N, L, S]})
     */
    public AttentionOutput forward(Tensor query, Tensor keys, Tensor values, Tensor keyPaddingMask) {
        return Attention.additiveAttention(query, keys, values, keyPaddingMask, queryProj.weight(), keyProj.weight(),
                v.weight(), isTraining() ? dropout : 0, gen);
    }

    /** {@code W_q}. */
    public Linear queryProj() {
        return queryProj;
    }

    /** {@code W_k}. */
    public Linear keyProj() {
        return keyProj;
    }

    /** {@code v} as a linear layer {@code H -> 1}. */
    public Linear v() {
        return v;
    }

    @Override
    public String toString() {
        return "AdditiveAttention(queryDim=" + queryProj.inFeatures() + ", keyDim=" + keyProj.inFeatures()
                + ", hiddenDim=" + queryProj.outFeatures() + ", dropout=" + dropout + ")";
    }
}
