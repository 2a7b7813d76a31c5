package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A parameter-free module applying an elementwise or axis-wise function; the base of
 * {@link ReLU}, {@link Sigmoid}, {@link Softmax} and the other activation modules.
 */
public abstract class Activation extends Module {
    private final String description;
    private final UnaryOperator<Tensor> fn;

    /** An activation described by {@code description} (for {@link #toString()}) computing {@code fn}. */
    protected Activation(String description, UnaryOperator<Tensor> fn) {
        this.description = description;
        this.fn = fn;
    }

    @Override
    public Tensor forward(Tensor input) {
        return fn.apply(input);
    }

    @Override
    public String toString() {
        return description;
    }
}
