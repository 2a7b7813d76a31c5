package dev.sinapsis.models;

import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * A multilayer perceptron: standardize the inputs, flatten, then for each hidden width {@code Linear -> activation ->
 * Dropout}, then a {@code Linear} to the class logits.
 *
 * <pre>{@code
 * Mlp mlp = new Mlp(784, new int[] {512, 256}, 10, "relu", 0.2, new Generator(42), new Generator(43));
 * Tensor logits = mlp.forward(images);   // [N, 1, 28, 28] or [N, 784] -> [N, 10]
 * }</pre>
 */
public final class Mlp extends Module {
    private final Sequential net;
    private final int[] hidden;

    /**
     * @param inputs     number of input features (after flattening)
     * @param hidden     widths of the hidden layers (may be empty: a linear classifier)
     * @param classes    number of output logits
     * @param activation one of {@link Activations#NAMES}
     * @param dropout    drop probability after each hidden layer (0 for none)
     * @param init       source of the initial weights
     * @param dropoutGen source of the dropout masks
     */
    public Mlp(int inputs, int[] hidden, int classes, String activation, double dropout, Generator init,
               Generator dropoutGen) {
        this.hidden = hidden.clone();
        net = new Sequential(new Standardize(Standardize.MNIST_MEAN, Standardize.MNIST_STD), new Flatten());
        int width = inputs;
        for (int h : hidden) {
            net.add(new Linear(width, h, true, init));
            net.add(Activations.create(activation));
            if (dropout > 0) {
                net.add(new Dropout(dropout, dropoutGen));
            }
            width = h;
        }
        net.add(new Linear(width, classes, true, init));
        registerModule("net", net);
    }

    @Override
    public Tensor forward(Tensor input) {
        return net.forward(input);
    }

    @Override
    public String toString() {
        return "Mlp(hidden=" + Arrays.toString(hidden) + ")\n" + net;
    }
}
