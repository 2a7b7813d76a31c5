package dev.sinapsis.examples.conjugation;

import dev.sinapsis.nn.AdditiveAttention;
import dev.sinapsis.nn.Embedding;
import dev.sinapsis.nn.GRU;
import dev.sinapsis.nn.GRUCell;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.nn.functional.Attention;
import dev.sinapsis.nn.functional.CrossEntropyOptions;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The character-level encoder-decoder with additive (Bahdanau) attention: a bidirectional GRU
 * reads the source symbols; its final states, through a linear bridge, start a GRU cell decoder
 * that at every step attends over the encoder outputs with its previous state, reads the previous
 * character and the context, and scores the next character from its new state and the context.
 */
public final class ConjugationModel extends Module {
    private final Embedding embed;
    private final GRU encoder;
    private final Linear bridge;
    private final GRUCell decoder;
    private final AdditiveAttention attention;
    private final Linear output;
    private final int vocab;

    /** A model over {@code vocab} symbols with the given widths, weights from {@code gen}. */
    public ConjugationModel(int vocab, int embedDim, int encoderHidden, int decoderHidden, int attentionDim,
                            Generator gen) {
        this.vocab = vocab;
        embed = registerModule("embed", new Embedding(vocab, embedDim, Symbols.PAD, gen));
        encoder = registerModule("encoder", GRU.builder(embedDim, encoderHidden).bidirectional(true)
                .batchFirst(true).generator(gen).build());
        bridge = registerModule("bridge", new Linear(2 * encoderHidden, decoderHidden, true, gen));
        decoder = registerModule("decoder", new GRUCell(embedDim + 2 * encoderHidden, decoderHidden, true, gen,
                DType.F32));
        attention = registerModule("attention", new AdditiveAttention(decoderHidden, 2 * encoderHidden,
                attentionDim, 0, gen, DType.F32));
        output = registerModule("output", new Linear(decoderHidden + 2 * encoderHidden, vocab, true, gen));
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ConjugationModel: use loss(...) or decode(...)");
    }

    /**
     * The encoder's outputs {@code [B, S, 2H]}, their attention key projections {@code W_k k_j}
     * {@code [B, S, A]} (computed once per sequence, not once per decoder step), the padding mask
     * and the decoder's first state.
     */
    private record Encoded(Tensor outputs, Tensor keys, Tensor padding, Tensor state) {
    }

    private Encoded encode(Batch batch) {
        RecurrentOutput r = encoder.forward(embed.forward(batch.source()), batch.sourceLengths());
        Tensor last = Tensor.concat(1, r.hN().select(0, 0), r.hN().select(0, 1));      // [B, 2H]
        return new Encoded(r.output(), attention.keyProj().forward(r.output()),
                Attention.keyPaddingMask(batch.sourceLengths(), batch.source().dim(1)), bridge.forward(last).tanh());
    }

    /** One decoder step: the logits and the new state, and the attention weights. */
    private record Step(Tensor logits, Tensor state, Tensor weights, Tensor context) {
    }

    /** The attention layer (its parameters are used by {@link #step}). */
    AdditiveAttention attention() {
        return attention;
    }

    /** The context and weights of one decoder state over encoder outputs (for tests). */
    Tensor[] attend(Tensor outputs, int[] lengths, Tensor state) {
        Tensor padding = Attention.keyPaddingMask(lengths, outputs.dim(1));
        Step s = step(new Encoded(outputs, attention.keyProj().forward(outputs), padding, state),
                Tensor.full(Shape.of(state.dim(0)), DType.I64, Symbols.BOS), state);
        return new Tensor[] {s.context(), s.weights()};
    }

    private Step step(Encoded enc, Tensor previous, Tensor state) {
        // Bahdanau attention with AdditiveAttention's parameters: v^T tanh(W_q s + W_k k_j), softmax
        // over the unpadded keys, weighted sum of the encoder outputs
        Tensor query = attention.queryProj().forward(state).unsqueeze(1);                    // [B, 1, A]
        Tensor scores = attention.v().forward(enc.keys().add(query).tanh()).squeeze(2);      // [B, S]
        Tensor weights = Activations.softmax(scores.maskedFill(enc.padding(), Double.NEGATIVE_INFINITY), 1);
        Tensor context = weights.unsqueeze(1).matmul(enc.outputs()).squeeze(1);              // [B, 2H]
        Tensor next = decoder.forward(Tensor.concat(1, embed.forward(previous), context), state);
        Tensor logits = output.forward(Tensor.concat(1, next, context));
        return new Step(logits, next, weights, context);
    }

    /**
     * The mean cross-entropy of the batch's targets. At every step the decoder reads the true
     * previous character with probability {@code teacherForcing} (one draw per step for the
     * whole batch, from {@code coins}), else its own previous prediction.
     */
    public Tensor loss(Batch batch, double teacherForcing, SplittableRandom coins) {
        Encoded enc = encode(batch);
        int b = batch.size();
        int steps = batch.target().dim(1);
        Tensor previous = Tensor.full(Shape.of(b), DType.I64, Symbols.BOS);
        Tensor state = enc.state();
        List<Tensor> logits = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Step s = step(enc, previous, state);
            logits.add(s.logits());
            state = s.state();
            if (t + 1 < steps) {
                previous = coins.nextDouble() < teacherForcing ? batch.target().select(1, t)
                        : s.logits().detach().argmax(1, false);
            }
        }
        Tensor all = Tensor.stack(1, logits).reshape(b * steps, vocab);
        Tensor targets = batch.lossTarget().reshape(b * steps);
        return Losses.crossEntropy(all, targets, CrossEntropyOptions.DEFAULTS.withIgnoreIndex(Batch.IGNORE));
    }

    /** Greedy decoding of up to {@code maxSteps} symbols; with the attention weights of every step. */
    public Decoded decode(Batch batch, int maxSteps) {
        Encoded enc = encode(batch);
        int b = batch.size();
        Tensor previous = Tensor.full(Shape.of(b), DType.I64, Symbols.BOS);
        Tensor state = enc.state();
        int[][] ids = new int[b][maxSteps];
        List<float[]> weights = new ArrayList<>(maxSteps);
        boolean[] done = new boolean[b];
        int taken = 0;
        for (int t = 0; t < maxSteps; t++) {
            Step s = step(enc, previous, state);
            state = s.state();
            previous = s.logits().argmax(1, false);
            long[] next = previous.toLongArray();
            weights.add(s.weights().toFloatArray());
            boolean all = true;
            for (int i = 0; i < b; i++) {
                ids[i][t] = done[i] ? Symbols.EOS : (int) next[i];
                done[i] |= next[i] == Symbols.EOS;
                all &= done[i];
            }
            taken = t + 1;
            if (all) {
                break;
            }
        }
        return new Decoded(ids, weights.subList(0, taken), batch.source().dim(1));
    }

    /**
     * Decoded ids {@code [B][maxSteps]} (end marker after each sequence's end) and the attention
     * weights, one {@code [B * S]} array per step.
     */
    public record Decoded(int[][] ids, List<float[]> weights, int sourceLength) {
        /** The attention weights of sequence {@code i}: {@code [steps][sourceLength]}. */
        public float[][] attention(int i) {
            float[][] a = new float[weights.size()][sourceLength];
            for (int t = 0; t < weights.size(); t++) {
                System.arraycopy(weights.get(t), i * sourceLength, a[t], 0, sourceLength);
            }
            return a;
        }
    }
}
