package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.AttentionOutput;
import dev.sinapsis.nn.functional.MultiheadAttentionFunction;
import dev.sinapsis.nn.init.Init;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Multi-head attention (PyTorch's {@code nn.MultiheadAttention}): {@code numHeads} heads of
 * {@code embedDim / numHeads} features attend in parallel and their outputs are concatenated and
 * projected. Parameters and their names are PyTorch's, so its state dict loads: {@code in_proj_weight}
 * {@code [3E, E]} and {@code in_proj_bias} {@code [3E]} (or, when {@code kdim} or {@code vdim}
 * differ from {@code embedDim}, {@code q_proj_weight}, {@code k_proj_weight}, {@code v_proj_weight}),
 * {@code out_proj.weight} {@code [E, E]} and {@code out_proj.bias} {@code [E]}; initialised as
 * PyTorch does (Xavier-uniform input projections, zero biases, {@code Linear}'s default for the
 * output projection).
 *
 * <p>Shapes: query {@code [L, N, E]}, key {@code [S, N, kdim]}, value {@code [S, N, vdim]}, or
 * {@code [N, L, E]} ... with {@code batchFirst}, or unbatched {@code [L, E]}, {@code [S, kdim]} ...;
 * the output has the query's layout. Masks follow PyTorch: {@code keyPaddingMask} {@code [N, S]}
 * ({@code [S]} unbatched) is {@code true} at keys to <em>ignore</em>; {@code attnMask} {@code [L, S]}
 * or {@code [N * numHeads, L, S]} is {@code true} where a query may <em>not</em> attend; floating
 * masks are added to the scores instead. A query whose every key is masked gets a NaN output and NaN
 * weights, as in PyTorch. Dropout acts on the attention weights in training mode.
 *
 * <pre>{@code
 * MultiheadAttention mha = MultiheadAttention.builder(64, 8).batchFirst(true).build();
 * AttentionOutput r = mha.forward(x, x, x, padding, true, null);
 * Tensor y = r.output();          // [N, L, 64]
 * Tensor w = r.weights();         // [N, L, L], averaged over heads
 * }</pre>
 */
public final class MultiheadAttention extends Module {
    private final int embedDim;
    private final int numHeads;
    private final int kdim;
    private final int vdim;
    private final double dropout;
    private final boolean batchFirst;
    private final Generator gen;
    private final Tensor inProjWeight;
    private final Tensor qProjWeight;
    private final Tensor kProjWeight;
    private final Tensor vProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;

    /** {@code embedDim} features in {@code numHeads} heads, with biases, no dropout, sequence first. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(builder(embedDim, numHeads));
    }

    /** As PyTorch's {@code nn.MultiheadAttention(embedDim, numHeads, dropout, bias, batch_first=batchFirst)}. */
    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst) {
        this(builder(embedDim, numHeads).dropout(dropout).bias(bias).batchFirst(batchFirst));
    }

    private MultiheadAttention(Builder b) {
        if (b.embedDim <= 0 || b.numHeads <= 0 || b.embedDim % b.numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedDim " + b.embedDim
                    + " must be a positive multiple of numHeads " + b.numHeads);
        }
        if (b.kdim <= 0 || b.vdim <= 0) {
            throw new IllegalArgumentException("MultiheadAttention: kdim and vdim must be positive, got " + b.kdim
                    + " and " + b.vdim);
        }
        if (!(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("MultiheadAttention: dropout must be in [0, 1), got " + b.dropout);
        }
        this.embedDim = b.embedDim;
        this.numHeads = b.numHeads;
        this.kdim = b.kdim;
        this.vdim = b.vdim;
        this.dropout = b.dropout;
        this.batchFirst = b.batchFirst;
        this.gen = b.gen;
        int e = embedDim;
        if (kdim == e && vdim == e) {
            inProjWeight = registerParameter("in_proj_weight", Init.xavierUniform(gen, Shape.of(3 * e, e), b.dtype, 1));
            qProjWeight = null;
            kProjWeight = null;
            vProjWeight = null;
        } else {
            inProjWeight = null;
            qProjWeight = registerParameter("q_proj_weight", Init.xavierUniform(gen, Shape.of(e, e), b.dtype, 1));
            kProjWeight = registerParameter("k_proj_weight", Init.xavierUniform(gen, Shape.of(e, kdim), b.dtype, 1));
            vProjWeight = registerParameter("v_proj_weight", Init.xavierUniform(gen, Shape.of(e, vdim), b.dtype, 1));
        }
        inProjBias = b.bias ? registerParameter("in_proj_bias", Init.zeros(Shape.of(3 * e), b.dtype)) : null;
        outProj = registerModule("out_proj", new Linear(e, e, b.bias, gen, b.dtype));
        if (b.bias) {
            Init.assign(outProj.bias(), Init.zeros(Shape.of(e), b.dtype));
        }
    }

    /** A builder for the options PyTorch takes as keyword arguments. */
    public static Builder builder(int embedDim, int numHeads) {
        return new Builder(embedDim, numHeads);
    }

    /** Self-attention of {@code x} without masks: {@code forward(x, x, x).output()}. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false, null).output();
    }

    /** Attention without masks, returning the output and the head-averaged weights. */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null);
    }

    /**
     * Attention with PyTorch's defaults for the rest ({@code average_attn_weights=True}).
     *
     * @param keyPaddingMask null, or {@code [N, S]}: BOOL {@code true} = ignore that key, or floating (added)
     * @param needWeights    whether {@link AttentionOutput#weights()} is computed (else null)
     * @param attnMask       null, or {@code [L, S]} / {@code [N * numHeads, L, S]}: BOOL {@code true} =
     *                       may not attend, or floating (added)
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
                                   Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, needWeights, attnMask, true);
    }

    /**
     * The full form (PyTorch's {@code forward(query, key, value, key_padding_mask, need_weights,
     * attn_mask, average_attn_weights)}): the weights are {@code [N, L, S]} averaged over heads, or
     * {@code [N, numHeads, L, S]} when {@code averageAttnWeights} is false (without the {@code N}
     * axis for unbatched inputs).
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
                                   Tensor attnMask, boolean averageAttnWeights) {
        boolean batched = query.rank() == 3;
        if (!batched && query.rank() != 2 || key.rank() != query.rank() || value.rank() != query.rank()) {
            throw new ShapeException("MultiheadAttention: query, key and value must all be batched (3 axes) or all "
                    + "unbatched (2 axes), got " + query.shape() + ", " + key.shape() + ", " + value.shape());
        }
        Tensor q;
        Tensor k;
        Tensor v;
        Tensor kpm = keyPaddingMask;
        if (!batched) {
            q = query.unsqueeze(0);
            k = key.unsqueeze(0);
            v = value.unsqueeze(0);
            kpm = kpm == null ? null : kpm.unsqueeze(0);
        } else if (batchFirst) {
            q = query;
            k = key;
            v = value;
        } else {
            q = query.transpose(0, 1);
            k = key.transpose(0, 1);
            v = value.transpose(0, 1);
        }
        MultiheadAttentionFunction.Weights w = inProjWeight != null
                ? MultiheadAttentionFunction.Weights.packed(inProjWeight, inProjBias, outProj.weight(), outProj.bias())
                : new MultiheadAttentionFunction.Weights(qProjWeight, kProjWeight, vProjWeight, inProjBias,
                        outProj.weight(), outProj.bias());
        double p = isTraining() ? dropout : 0;
        AttentionOutput r = MultiheadAttentionFunction.forward(q, k, v, numHeads, w, kpm, attnMask, needWeights,
                averageAttnWeights, p, gen);
        Tensor out = r.output();
        Tensor weights = r.weights();
        if (!batched) {
            out = out.squeeze(0);
            weights = weights == null ? null : weights.squeeze(0);
        } else if (!batchFirst) {
            out = out.transpose(0, 1);
        }
        return new AttentionOutput(out, weights);
    }

    /** The embedding size {@code E}. */
    public int embedDim() {
        return embedDim;
    }

    /** The number of heads. */
    public int numHeads() {
        return numHeads;
    }

    /** Whether inputs are {@code [N, L, E]} (else {@code [L, N, E]}). */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** The packed input projection {@code [3E, E]}, or null when {@code kdim}/{@code vdim} differ from {@code E}. */
    public Tensor inProjWeight() {
        return inProjWeight;
    }

    /** The input projections' bias {@code [3E]}, or null without biases. */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /** The output projection. */
    public Linear outProj() {
        return outProj;
    }

    @Override
    public String toString() {
        return "MultiheadAttention(embedDim=" + embedDim + ", numHeads=" + numHeads
                + (kdim != embedDim || vdim != embedDim ? ", kdim=" + kdim + ", vdim=" + vdim : "")
                + ", dropout=" + dropout + ", bias=" + (inProjBias != null) + ", batchFirst=" + batchFirst + ")";
    }

    /** Options of {@link MultiheadAttention}, with PyTorch's defaults. */
    public static final class Builder {
        private final int embedDim;
        private final int numHeads;
        private int kdim;
        private int vdim;
        private double dropout;
        private boolean bias = true;
        private boolean batchFirst;
        private Generator gen = Generator.global();
        private DType dtype = DType.F32;

        private Builder(int embedDim, int numHeads) {
            this.embedDim = embedDim;
            this.numHeads = numHeads;
            this.kdim = embedDim;
            this.vdim = embedDim;
        }

        /** Dropout probability on the attention weights in training (default 0). */
        public Builder dropout(double p) {
            this.dropout = p;
            return this;
        }

        /** Biases on the input and output projections (default true). */
        public Builder bias(boolean on) {
            this.bias = on;
            return this;
        }

        /** Inputs and output as {@code [N, L, E]} (default false: {@code [L, N, E]}). */
        public Builder batchFirst(boolean on) {
            this.batchFirst = on;
            return this;
        }

        /** Features of the keys (default {@code embedDim}). */
        public Builder kdim(int kdim) {
            this.kdim = kdim;
            return this;
        }

        /** Features of the values (default {@code embedDim}). */
        public Builder vdim(int vdim) {
            this.vdim = vdim;
            return this;
        }

        /** Generator of the initial weights and the dropout masks (default the global one). */
        public Builder generator(Generator gen) {
            this.gen = gen;
            return this;
        }

        /** Dtype of the parameters (default F32). */
        public Builder dtype(DType dtype) {
            this.dtype = dtype;
            return this;
        }

        /** The module. */
        public MultiheadAttention build() {
            return new MultiheadAttention(this);
        }
    }
}
