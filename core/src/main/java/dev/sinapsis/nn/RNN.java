package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;

/**
 * Elman recurrent layer (PyTorch's {@code nn.RNN}): at every step
 * {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)} with {@code act} tanh (the default) or relu.
 * {@code weight_ih_l{k}} is {@code [H, in]}, {@code weight_hh_l{k}} {@code [H, H]}. Options,
 * parameter names and the forward variants are described in {@link RNNBase}.
 */
public final class RNN extends RNNBase {
    /** The activation of an {@link RNN} or {@link RNNCell}. */
    public enum Nonlinearity {
        /** Hyperbolic tangent (PyTorch's default). */
        TANH,
        /** Rectified linear unit. */
        RELU
    }

    /** One tanh layer, unidirectional, time-major, with biases, weights from the global generator. */
    public RNN(int inputSize, int hiddenSize) {
        this(builder(inputSize, hiddenSize));
    }

    private RNN(Builder b) {
        super(b.nonlinearity == Nonlinearity.RELU ? Recurrent.Kind.RNN_RELU : Recurrent.Kind.RNN_TANH, b);
    }

    /** A builder for the other options. */
    public static Builder builder(int inputSize, int hiddenSize) {
        return new Builder(inputSize, hiddenSize);
    }

    /** The activation. */
    public Nonlinearity nonlinearity() {
        return kind() == Recurrent.Kind.RNN_RELU ? Nonlinearity.RELU : Nonlinearity.TANH;
    }

    /** Options of an {@link RNN}. */
    public static final class Builder extends RNNBase.Builder<Builder, RNN> {
        private Nonlinearity nonlinearity = Nonlinearity.TANH;

        private Builder(int inputSize, int hiddenSize) {
            super(inputSize, hiddenSize);
        }

        /** The activation (default tanh). */
        public Builder nonlinearity(Nonlinearity n) {
            this.nonlinearity = java.util.Objects.requireNonNull(n, "nonlinearity");
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public RNN build() {
            return new RNN(this);
        }
    }
}
