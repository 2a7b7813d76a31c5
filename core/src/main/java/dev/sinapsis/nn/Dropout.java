package dev.sinapsis.nn;

import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * Inverted dropout (PyTorch's {@code nn.Dropout}): in training mode each element is zeroed with
 * probability {@code p} and the survivors are scaled by {@code 1 / (1 - p)}, so the expected
 * value is unchanged; in evaluation mode ({@link Module#eval()}) the input passes unchanged.
 * The masks are drawn from the module's generator, so a seed reproduces them on every backend.
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator gen;

    /** Drop probability {@code p} with masks from the global generator. */
    public Dropout(double p) {
        this(p, Generator.global());
    }

    /** Drop probability {@code p} in {@code [0, 1]} with masks from {@code gen}. */
    public Dropout(double p, Generator gen) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.gen = gen;
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Layers.dropout(input, p, isTraining(), gen);
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
