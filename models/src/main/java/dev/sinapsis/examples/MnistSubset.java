package dev.sinapsis.examples;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Tensor;

/**
 * The first {@code count} images of a split of the MNIST subset shipped in the jar, flattened to rows
 * of {@code side * side} pixels in [0, 1], with their labels: the data of the unsupervised examples.
 *
 * @param pixels row-major {@code [count, side * side]}
 * @param labels the digit of each image
 * @param side   image height and width (28)
 */
public record MnistSubset(float[] pixels, int[] labels, int side) {
    /** The first {@code count} training images ({@code train}) or test images of the embedded subset. */
    public static MnistSubset embedded(boolean train, int count) {
        TrainingData data = Embedded.DATA;
        Dataset split = train ? data.train() : data.test();
        if (count < 1 || count > split.size()) {
            throw new IllegalArgumentException("the embedded MNIST " + (train ? "training" : "test") + " split has "
                    + split.size() + " images; asked for " + count);
        }
        int dim = split.inputShape().numel();
        float[] pixels = new float[count * dim];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            split.copyInput(i, pixels, i * dim);
            labels[i] = (int) split.target(i);
        }
        return new MnistSubset(pixels, labels, (int) Math.round(Math.sqrt(dim)));
    }

    /** The embedded subset, unpacked once per process (about 38 MB of floats) on first use. */
    private static final class Embedded {
        static final TrainingData DATA = TrainingData.embedded();
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Pixels per image. */
    public int dim() {
        return side * side;
    }

    /** The images as a tensor {@code [count, side * side]} on the current backend. */
    public Tensor tensor() {
        return Tensor.of(pixels, count(), dim());
    }
}
