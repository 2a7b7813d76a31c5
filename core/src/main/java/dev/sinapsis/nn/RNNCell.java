package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * One step of an Elman RNN (PyTorch's {@code nn.RNNCell}):
 * {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}, {@code act} tanh or relu.
 */
public final class RNNCell extends RNNCellBase {
    private final RNN.Nonlinearity nonlinearity;

    /** A tanh cell with biases, weights from the global generator. */
    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, RNN.Nonlinearity.TANH, Generator.global(), DType.F32);
    }

    /** A cell with the given bias, activation, weight generator and parameter dtype. */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, RNN.Nonlinearity nonlinearity, Generator gen,
            DType dtype) {
        super("RNNCell", 1, inputSize, hiddenSize, bias, gen, dtype);
        this.nonlinearity = java.util.Objects.requireNonNull(nonlinearity, "nonlinearity");
    }

    /** The activation. */
    public RNN.Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /** The next hidden state from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The next hidden state ({@code h} {@code [B, H]}, or {@code null} for zeros). */
    public Tensor forward(Tensor x, Tensor h) {
        return Recurrent.rnnCell(x, h, weightIh(), weightHh(), biasIh(), biasHh(),
                nonlinearity == RNN.Nonlinearity.RELU);
    }
}
