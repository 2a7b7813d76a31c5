package dev.sinapsis.nn.functional;

import dev.sinapsis.tensor.Generator;

/**
 * The structure and mode of a recurrent layer for {@link Recurrent#recurrent}.
 *
 * @param numLayers     stacked layers, at least 1
 * @param bidirectional whether each layer also runs the sequence backwards
 * @param batchFirst    whether input and output are {@code [B, T, features]} rather than {@code [T, B, features]}
 * @param bias          whether the weights list holds the two biases of each layer and direction
 * @param dropout       probability of dropping each output of every layer but the last, in {@code [0, 1]}
 * @param training      whether dropout is active
 * @param generator     source of the dropout masks ({@code null} only when no dropout is drawn)
 */
public record RecurrentOptions(int numLayers, boolean bidirectional, boolean batchFirst, boolean bias,
        double dropout, boolean training, Generator generator) {
    /** Validates the fields. */
    public RecurrentOptions {
        if (numLayers < 1) {
            throw new IllegalArgumentException("recurrent layer: numLayers must be at least 1, got " + numLayers);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("recurrent layer: dropout must be in [0, 1], got " + dropout);
        }
        if (training && dropout > 0 && numLayers > 1 && generator == null) {
            throw new IllegalArgumentException("recurrent layer: dropout in training mode needs a generator");
        }
    }

    /** One unidirectional, time-major layer with biases, no dropout. */
    public static RecurrentOptions simple() {
        return new RecurrentOptions(1, false, false, true, 0, false, null);
    }

    /** 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }
}
