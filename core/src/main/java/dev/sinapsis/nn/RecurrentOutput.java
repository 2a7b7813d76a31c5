package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;

/**
 * What a recurrent layer returns, with PyTorch's shapes.
 *
 * @param output the last layer's hidden state at every step, {@code [T, batch, D * hidden]}, or
 *               {@code [batch, T, D * hidden]} with {@code batchFirst} ({@code D} = 2 when
 *               bidirectional, the two directions concatenated forward first); zero at the padded
 *               steps of a variable-length batch
 * @param hN     every layer's and direction's final hidden state, {@code [numLayers * D, batch,
 *               hidden]} (layer-major, forward before reverse): each sequence's state at its own
 *               last step (the reverse direction's at step 0)
 * @param cN     the final cell states of an LSTM, shaped as {@code hN}; {@code null} otherwise
 */
public record RecurrentOutput(Tensor output, Tensor hN, Tensor cN) {
    /** The final states as a {@link RecurrentState}, to pass as the initial state of a next call. */
    public RecurrentState state() {
        return new RecurrentState(hN, cN);
    }
}
