package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * One step of a GRU (PyTorch's {@code nn.GRUCell}); the gate formulas are in {@link GRU} and
 * {@link Recurrent#gruPointwise}.
 */
public final class GRUCell extends RNNCellBase {
    /** A cell with biases, weights from the global generator. */
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Generator.global(), DType.F32);
    }

    /** A cell with the given bias, weight generator and parameter dtype. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator gen, DType dtype) {
        super("GRUCell", 3, inputSize, hiddenSize, bias, gen, dtype);
    }

    /** The next hidden state from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The next hidden state ({@code h} {@code [B, H]}, or {@code null} for zeros). */
    public Tensor forward(Tensor x, Tensor h) {
        return Recurrent.gruCell(x, h, weightIh(), weightHh(), biasIh(), biasHh());
    }
}
