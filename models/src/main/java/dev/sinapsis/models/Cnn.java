package dev.sinapsis.models;

import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.MaxPool2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * A LeNet-style convolutional network for {@code [N, C, H, W]} images:
 * {@code Standardize -> (Conv2d 5x5 same-padding -> ReLU -> MaxPool 2x2) x 2 -> Flatten -> Linear -> ReLU ->
 * Dropout -> Linear}.
 *
 * <pre>{@code
 * Cnn cnn = new Cnn(1, 28, 28, 16, 32, 128, 10, 0.25, new Generator(42), new Generator(43));
 * }</pre>
 */
public final class Cnn extends Module {
    private final Sequential net;
    private final String summary;
    /** Layers of {@link #net} up to the hidden dense layer's ReLU: the penultimate features. */
    private final int featureLayers;

    /**
     * @param channels   input channels
     * @param height     input height (divisible by 4)
     * @param width      input width (divisible by 4)
     * @param conv1      filters of the first convolution
     * @param conv2      filters of the second convolution
     * @param dense      width of the hidden dense layer
     * @param classes    number of output logits
     * @param dropout    drop probability before the last layer (0 for none)
     * @param init       source of the initial weights
     * @param dropoutGen source of the dropout masks
     */
    public Cnn(int channels, int height, int width, int conv1, int conv2, int dense, int classes, double dropout,
               Generator init, Generator dropoutGen) {
        if (height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("Cnn: input height and width must be divisible by 4, got "
                    + height + "x" + width);
        }
        net = new Sequential(new Standardize(Standardize.MNIST_MEAN, Standardize.MNIST_STD),
                new Conv2d(channels, conv1, 5, 1, 2, 1, true, init), new ReLU(), new MaxPool2d(2),
                new Conv2d(conv1, conv2, 5, 1, 2, 1, true, init), new ReLU(), new MaxPool2d(2),
                new Flatten(),
                new Linear(conv2 * (height / 4) * (width / 4), dense, true, init), new ReLU());
        featureLayers = net.size();
        if (dropout > 0) {
            net.add(new Dropout(dropout, dropoutGen));
        }
        net.add(new Linear(dense, classes, true, init));
        registerModule("net", net);
        summary = "Cnn(conv " + conv1 + "," + conv2 + ", dense " + dense + ", dropout " + dropout + ")";
    }

    @Override
    public Tensor forward(Tensor input) {
        return net.forward(input);
    }

    /**
     * The penultimate-layer features {@code [N, dense]}: the hidden dense layer's activations
     * (after its ReLU, before dropout and the last layer), e.g. for a Fréchet distance.
     */
    public Tensor features(Tensor input) {
        Tensor h = input;
        for (int i = 0; i < featureLayers; i++) {
            h = net.get(i).forward(h);
        }
        return h;
    }

    /** The layers after {@link #features}: {@code features} {@code [N, dense]} to logits {@code [N, classes]}. */
    public Tensor head(Tensor features) {
        Tensor h = features;
        for (int i = featureLayers; i < net.size(); i++) {
            h = net.get(i).forward(h);
        }
        return h;
    }

    @Override
    public String toString() {
        return summary + "\n" + net;
    }
}
