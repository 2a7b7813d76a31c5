package dev.sinapsis.nn;

import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;

/**
 * Truncated backpropagation through time: runs a recurrent layer over a long sequence in chunks
 * of {@code k} steps, carrying the state from chunk to chunk but detached, so each chunk's
 * backward stops at the chunk's first step. Memory and time per update then depend on {@code k},
 * not on the sequence length, while the state still carries information across the whole sequence.
 *
 * <pre>{@code
 * LSTM lstm = LSTM.builder(32, 64).build();
 * Linear head = new Linear(64, vocab);
 * TruncatedBptt tbptt = new TruncatedBptt(lstm, 35);
 * RecurrentState last = tbptt.run(inputs, null, chunk -> {          // inputs [T, B, 32]
 *     Tensor logits = head.forward(chunk.output().output());         // [k, B, vocab]
 *     Tensor target = targets.slice(0, chunk.start(), chunk.end());  // [k, B]
 *     Tensor loss = Losses.crossEntropy(logits.reshape(-1, vocab), target.reshape(-1));
 *     optimizer.zeroGrad();
 *     loss.backward();                                               // through this chunk only
 *     optimizer.step();
 *     System.out.println(loss.item());
 * });
 * }</pre>
 *
 * <p>Every chunk runs in its own {@link MemoryScope}: what the chunk creates (outputs, the loss,
 * intermediates of backward) is released when the handler returns, except the carried state, so
 * read values ({@code loss.item()}) inside the handler. The input is sliced along the time axis, so
 * it should be data or the output of a computation whose graph is not needed (compute an embedding
 * per chunk from sliced token ids, or backward through it would be attempted once per chunk).
 */
public final class TruncatedBptt {
    private final RNNBase layer;
    private final int chunkSteps;

    /** Runs {@code layer} in chunks of {@code chunkSteps} steps (the last chunk may be shorter). */
    public TruncatedBptt(RNNBase layer, int chunkSteps) {
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("TruncatedBptt: the chunk length must be at least 1 step, got "
                    + chunkSteps);
        }
        this.layer = java.util.Objects.requireNonNull(layer, "layer");
        this.chunkSteps = chunkSteps;
    }

    /** Steps per chunk. */
    public int chunkSteps() {
        return chunkSteps;
    }

    /**
     * One chunk: its position in the sequence and the layer's output on it.
     *
     * @param index  0 for the first chunk
     * @param start  first step of the chunk in the whole sequence
     * @param end    one past its last step
     * @param input  the chunk of the input (a view)
     * @param output the layer's output on the chunk, from the carried state
     */
    public record Chunk(int index, int start, int end, Tensor input, RecurrentOutput output) {
    }

    /** What to do with each chunk: typically the loss, {@code backward()} and an optimizer step. */
    @FunctionalInterface
    public interface ChunkHandler {
        /** Handles one chunk. */
        void accept(Chunk chunk);
    }

    /**
     * Runs the layer over {@code input} ({@code [T, B, in]}, or {@code [B, T, in]} for a
     * batch-first layer) chunk by chunk from {@code initial} ({@code null}: zeros) and returns the
     * final state, detached and owned by the caller's scope.
     */
    public RecurrentState run(Tensor input, RecurrentState initial, ChunkHandler handler) {
        int timeAxis = layer.isBatchFirst() && input.rank() == 3 ? 1 : 0;
        int steps = input.dim(timeAxis);
        RecurrentState state = initial;
        boolean owned = false;
        for (int start = 0, index = 0; start < steps; start += chunkSteps, index++) {
            int end = Math.min(steps, start + chunkSteps);
            RecurrentState next;
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor part = input.slice(timeAxis, start, end);
                RecurrentOutput out = layer.forward(part, null, state);
                handler.accept(new Chunk(index, start, end, part, out));
                RecurrentState detached = out.state().detach();
                next = new RecurrentState(scope.keep(detached.h()),
                        detached.c() == null ? null : scope.keep(detached.c()));
            }
            if (owned) {
                close(state);
            }
            state = next;
            owned = true;
        }
        return state;
    }

    private static void close(RecurrentState s) {
        s.h().close();
        if (s.c() != null) {
            s.c().close();
        }
    }
}
