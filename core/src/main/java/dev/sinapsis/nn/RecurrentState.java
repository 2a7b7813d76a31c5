package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;

/**
 * The state a recurrent layer carries from step to step: the hidden state {@code h} and, for an
 * LSTM, the cell state {@code c} ({@code null} for RNN and GRU).
 *
 * <p>For the layers ({@link RNN}, {@link LSTM}, {@link GRU}) both have PyTorch's shape
 * {@code [numLayers * numDirections, batch, hidden]} (also with {@code batchFirst}); for the
 * cells, {@code [batch, hidden]}.
 *
 * @param h the hidden state
 * @param c the cell state (LSTM only), or {@code null}
 */
public record RecurrentState(Tensor h, Tensor c) {
    /** A state without a cell part (RNN, GRU). */
    public static RecurrentState of(Tensor h) {
        return new RecurrentState(h, null);
    }

    /**
     * The same values cut off from the tape, to carry into the next chunk of a long sequence
     * without backpropagating into the previous one (truncated BPTT).
     */
    public RecurrentState detach() {
        return new RecurrentState(h == null ? null : h.detach(), c == null ? null : c.detach());
    }
}
