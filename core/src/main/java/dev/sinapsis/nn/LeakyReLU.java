package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Activations;

/** {@code x} for positive inputs, {@code slope * x} otherwise; see {@link Activations#leakyRelu}. */
public final class LeakyReLU extends Activation {
    /** With PyTorch's default slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    /** With the given negative slope. */
    public LeakyReLU(double slope) {
        super("LeakyReLU(slope=" + slope + ")", x -> Activations.leakyRelu(x, slope));
    }
}
