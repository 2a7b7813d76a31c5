package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;

/**
 * Long short-term memory layer (PyTorch's {@code nn.LSTM}): at every step
 * <pre>
 * i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)      f = sigmoid(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)         o = sigmoid(W_io x + b_io + W_ho h + b_ho)
 * c' = f * c + i * g                              h' = o * tanh(c')
 * </pre>
 * with the gate blocks stacked in the order {@code i, f, g, o} in {@code weight_ih_l{k}}
 * {@code [4H, in]} and {@code weight_hh_l{k}} {@code [4H, H]}. Options, parameter names and the
 * forward variants are described in {@link RNNBase}.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(128, 128).numLayers(2).bidirectional(true).dropout(0.3).build();
 * RecurrentOutput out = lstm.forward(x, lengths);   // out.output() [T, B, 256], out.hN(), out.cN() [4, B, 128]
 * }</pre>
 */
public final class LSTM extends RNNBase {
    /** One layer, unidirectional, time-major, with biases, weights from the global generator. */
    public LSTM(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private LSTM(Builder b) {
        super(Recurrent.Kind.LSTM, b);
    }

    /** A builder for the other options. */
    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    /** Options of an {@link LSTM}. */
    public static final class Builder extends RNNBase.Builder<Builder, LSTM> {
        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public LSTM build() {
            return new LSTM(this);
        }
    }
}
