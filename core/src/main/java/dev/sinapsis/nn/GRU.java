package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;

/**
 * Gated recurrent unit layer (PyTorch's {@code nn.GRU}): at every step
 * <pre>
 * r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)      z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r * (W_hn h + b_hn))   h' = (1 - z) * n + z * h
 * </pre>
 * with the gate blocks stacked in the order {@code r, z, n} in {@code weight_ih_l{k}}
 * {@code [3H, in]} and {@code weight_hh_l{k}} {@code [3H, H]}. Options, parameter names and the
 * forward variants are described in {@link RNNBase}.
 */
public final class GRU extends RNNBase {
    /** One layer, unidirectional, time-major, with biases, weights from the global generator. */
    public GRU(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private GRU(Builder b) {
        super(Recurrent.Kind.GRU, b);
    }

    /** A builder for the other options. */
    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    /** Options of a {@link GRU}. */
    public static final class Builder extends RNNBase.Builder<Builder, GRU> {
        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public GRU build() {
            return new GRU(this);
        }
    }
}
