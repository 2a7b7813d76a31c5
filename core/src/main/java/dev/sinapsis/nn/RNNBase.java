package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.nn.functional.RecurrentOptions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share (PyTorch's {@code RNNBase}): stacked layers,
 * optional reverse direction, batch-first layout, dropout between layers, biases, PyTorch's
 * parameter names and shapes, and the forward over padded variable-length batches.
 *
 * <p>Parameters, registered in PyTorch's order so a PyTorch state dict loads as is: for every
 * layer {@code k} and direction (suffix {@code _reverse} for the backward one)
 * {@code weight_ih_l{k}} {@code [G*H, in]} ({@code in} is the input size for layer 0 and
 * {@code D*H} above), {@code weight_hh_l{k}} {@code [G*H, H]}, and unless {@code bias(false)},
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}} {@code [G*H]}. All are initialised uniformly in
 * {@code (-1/sqrt(H), 1/sqrt(H))}, as PyTorch does.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(128, 128).bidirectional(true).batchFirst(true).build();
 * RecurrentOutput out = lstm.forward(embedded, lengths);   // embedded [B, T, 128], lengths per sequence
 * Tensor last = out.hN();                                  // [2, B, 128]: each sequence's own last step
 * }</pre>
 */
public abstract class RNNBase extends Module {
    private final Recurrent.Kind kind;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bidirectional;
    private final boolean batchFirst;
    private final boolean bias;
    private final double dropout;
    private final Generator generator;
    private final List<Tensor> flatWeights;

    /** Registers the parameters described by {@code b} for a layer of kind {@code kind}. */
    protected RNNBase(Recurrent.Kind kind, Builder<?, ?> b) {
        String name = kind.label();
        if (b.inputSize <= 0 || b.hiddenSize <= 0) {
            throw new IllegalArgumentException(name + ": inputSize and hiddenSize must be positive, got "
                    + b.inputSize + " and " + b.hiddenSize);
        }
        this.kind = kind;
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.numLayers = b.numLayers;
        this.bidirectional = b.bidirectional;
        this.batchFirst = b.batchFirst;
        this.bias = b.bias;
        this.dropout = b.dropout;
        this.generator = b.generator != null ? b.generator : Generator.global();
        int gh = kind.gates() * hiddenSize;
        double bound = 1 / Math.sqrt(hiddenSize);
        List<Tensor> weights = new ArrayList<>();
        for (int l = 0; l < numLayers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * directions();
            for (int d = 0; d < directions(); d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                weights.add(registerParameter("weight_ih" + suffix, uniform(Shape.of(gh, in), bound, b.dtype)));
                weights.add(registerParameter("weight_hh" + suffix, uniform(Shape.of(gh, hiddenSize), bound, b.dtype)));
                if (bias) {
                    weights.add(registerParameter("bias_ih" + suffix, uniform(Shape.of(gh), bound, b.dtype)));
                    weights.add(registerParameter("bias_hh" + suffix, uniform(Shape.of(gh), bound, b.dtype)));
                }
            }
        }
        this.flatWeights = Collections.unmodifiableList(weights);
    }

    private Tensor uniform(Shape shape, double bound, DType dtype) {
        return Tensor.uniform(generator, shape, dtype, -bound, bound);
    }

    /** The recurrence this layer runs. */
    public Recurrent.Kind kind() {
        return kind;
    }

    /** Features per input step. */
    public int inputSize() {
        return inputSize;
    }

    /** Features of the hidden state. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of stacked layers. */
    public int numLayers() {
        return numLayers;
    }

    /** Whether every layer also runs the sequence backwards. */
    public boolean isBidirectional() {
        return bidirectional;
    }

    /** 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Whether input and output are {@code [batch, steps, features]}. */
    public boolean isBatchFirst() {
        return batchFirst;
    }

    /** Whether the layer has biases. */
    public boolean hasBias() {
        return bias;
    }

    /** Dropout probability between layers (training mode only). */
    public double dropout() {
        return dropout;
    }

    /** The weights in PyTorch's {@code _flat_weights} order (what {@link Recurrent#recurrent} takes). */
    public List<Tensor> flatWeights() {
        return flatWeights;
    }

    /** The options {@link Recurrent#recurrent} runs this layer with, in the current mode. */
    public RecurrentOptions options() {
        return new RecurrentOptions(numLayers, bidirectional, batchFirst, bias, dropout, isTraining(), generator);
    }

    /**
     * The output sequence for full-length sequences and zero initial states: {@code [T, B, D*H]}
     * ({@code [B, T, D*H]} with {@code batchFirst}).
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).output();
    }

    /**
     * Runs the layer over a padded batch: {@code lengths[b]} is sequence {@code b}'s number of real
     * steps, in {@code [1, T]}, in any order ({@code null}: all full length). Padded steps neither
     * update the state nor produce output (zeros), exactly as PyTorch's
     * {@code pack_padded_sequence(..., enforce_sorted=False)} → layer → {@code pad_packed_sequence}.
     */
    public RecurrentOutput forward(Tensor input, int[] lengths) {
        return forward(input, lengths, null);
    }

    /**
     * {@link #forward(Tensor, int[])} from {@code initial} ({@code [numLayers*D, B, H]}, with
     * {@code c} for an LSTM), or from zeros when {@code null}.
     */
    public RecurrentOutput forward(Tensor input, int[] lengths, RecurrentState initial) {
        return Recurrent.recurrent(kind, input, lengths, initial, flatWeights, options());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.label()).append('(').append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) {
            sb.append(", numLayers=").append(numLayers);
        }
        if (kind == Recurrent.Kind.RNN_RELU) {
            sb.append(", nonlinearity=relu");
        }
        if (!bias) {
            sb.append(", bias=false");
        }
        if (batchFirst) {
            sb.append(", batchFirst=true");
        }
        if (dropout != 0) {
            sb.append(", dropout=").append(dropout);
        }
        if (bidirectional) {
            sb.append(", bidirectional=true");
        }
        return sb.append(')').toString();
    }

    /**
     * Options of a recurrent layer; {@code build()} creates it.
     *
     * @param <B> the concrete builder
     * @param <M> the layer it builds
     */
    public abstract static class Builder<B extends Builder<B, M>, M extends RNNBase> {
        private final int inputSize;
        private final int hiddenSize;
        private int numLayers = 1;
        private boolean bidirectional;
        private boolean batchFirst;
        private boolean bias = true;
        private double dropout;
        private Generator generator;
        private DType dtype = DType.F32;

        /** A builder for a layer from {@code inputSize} features to {@code hiddenSize}. */
        protected Builder(int inputSize, int hiddenSize) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        /** This builder, typed. */
        protected abstract B self();

        /** Creates the layer. */
        public abstract M build();

        /** Stacked layers (default 1). */
        public B numLayers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("numLayers must be at least 1, got " + n);
            }
            this.numLayers = n;
            return self();
        }

        /** Whether every layer also runs the sequence backwards (default false). */
        public B bidirectional(boolean on) {
            this.bidirectional = on;
            return self();
        }

        /** Whether input and output are {@code [batch, steps, features]} (default false: {@code [steps, batch, features]}). */
        public B batchFirst(boolean on) {
            this.batchFirst = on;
            return self();
        }

        /** Dropout on the outputs of every layer but the last, in training mode (default 0). */
        public B dropout(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1], got " + p);
            }
            this.dropout = p;
            return self();
        }

        /** Whether the layer has biases (default true). */
        public B bias(boolean on) {
            this.bias = on;
            return self();
        }

        /** Source of the initial weights and the dropout masks (default: the global generator). */
        public B generator(Generator gen) {
            this.generator = gen;
            return self();
        }

        /** Dtype of the parameters (default F32). */
        public B dtype(DType d) {
            if (!d.isFloating()) {
                throw new IllegalArgumentException("recurrent layer parameters must be F32 or F64, got " + d);
            }
            this.dtype = d;
            return self();
        }
    }
}
