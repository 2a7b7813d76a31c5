package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Recurrent;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * One step of an LSTM (PyTorch's {@code nn.LSTMCell}); the gate formulas are in {@link LSTM} and
 * {@link Recurrent#lstmPointwise}.
 *
 * <pre>{@code
 * LSTMCell cell = new LSTMCell(10, 20);
 * RecurrentState s = null;                    // zeros
 * for (Tensor x : steps) {
 *     s = cell.forward(x, s);                 // s.h(), s.c(): [B, 20]
 * }
 * }</pre>
 */
public final class LSTMCell extends RNNCellBase {
    /** A cell with biases, weights from the global generator. */
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Generator.global(), DType.F32);
    }

    /** A cell with the given bias, weight generator and parameter dtype. */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator gen, DType dtype) {
        super("LSTMCell", 4, inputSize, hiddenSize, bias, gen, dtype);
    }

    /** The next hidden state {@code h} from a zero state (the cell state is dropped). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null).h();
    }

    /** The next state from {@code state} ({@code h} and {@code c} {@code [B, H]}; {@code null} for zeros). */
    public RecurrentState forward(Tensor x, RecurrentState state) {
        return Recurrent.lstmCell(x, state, weightIh(), weightHh(), biasIh(), biasHh());
    }
}
