package dev.sinapsis.data;

import dev.sinapsis.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST-format datasets (MNIST, Fashion-MNIST) from a directory holding the four original IDX
 * files, plain or gzipped: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz}).
 * Pixels become F32 inputs {@code [1, 28, 28]} scaled to {@code [0, 1]}.
 */
public final class Mnist {
    /** The two splits. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private Mnist() {
    }

    /** The path of {@code base} or {@code base.gz} in {@code dir}, or an error naming both. */
    static Path find(Path dir, String base) {
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DatasetException(dir + ": missing " + base + " (or " + base + ".gz)");
    }

    /**
     * Loads one split from {@code dir}.
     *
     * @throws DatasetException if a file is missing or malformed, the images and labels disagree,
     *     a label is not a digit 0-9, or the split does not fit in the heap; the message names the file
     */
    public static Dataset load(Path dir, Split split) {
        Path imagesFile = find(dir, split.prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, split.prefix + "-labels-idx1-ubyte");
        return fromIdx(Idx.read(imagesFile, 3), Idx.read(labelsFile, 1), imagesFile, labelsFile);
    }

    /** Builds the dataset from parsed image and label files, checking that they agree. */
    static Dataset fromIdx(Idx.Array images, Idx.Array labels, Path imagesFile, Path labelsFile) {
        if (images.count() != labels.count()) {
            throw new DatasetException(imagesFile + " holds " + images.count() + " images but " + labelsFile
                    + " holds " + labels.count() + " labels");
        }
        if (images.count() == 0) {
            throw new DatasetException(imagesFile + ": holds no images");
        }
        int h = images.dims()[1];
        int w = images.dims()[2];
        if (h == 0 || w == 0) {
            throw new DatasetException(imagesFile + ": images of " + h + "x" + w + " pixels are empty");
        }
        byte[] px = images.data();
        float[] inputs = HostArrays.floats(imagesFile.toString(), px.length);
        for (int i = 0; i < px.length; i++) {
            inputs[i] = (px[i] & 0xFF) / 255f;
        }
        long[] targets = new long[labels.count()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = labels.data()[i] & 0xFF;
            if (targets[i] > 9) {
                throw new DatasetException(labelsFile + ": label " + targets[i] + " at index " + i
                        + " is not a digit class 0-9");
            }
        }
        return new ArrayDataset(inputs, Shape.of(1, h, w), targets, 10);
    }
}
