package dev.sinapsis.models.data;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.data.DatasetException;
import dev.sinapsis.data.Mnist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The train and test splits a run uses, chosen by {@code --data}: {@code embedded} (the MNIST
 * subset shipped in this jar), {@code mnist} or {@code fashion-mnist} (from the cache, see
 * {@code sinapsis data fetch}), or a directory holding the four MNIST-format IDX files.
 *
 * @param name  the dataset's name as reported (e.g. {@code "mnist-embedded"})
 * @param train the training split
 * @param test  the test split
 */
public record TrainingData(String name, Dataset train, Dataset test) {
    /** Resource folder of the embedded subset. */
    static final String EMBEDDED = "/dev/sinapsis/models/mnist/";
    private static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /**
     * Loads {@code data}.
     *
     * @throws DatasetException when the data is missing (the message says how to get it) or malformed
     */
    public static TrainingData load(String data, Path cacheRoot) {
        return switch (data) {
            case "embedded" -> embedded();
            case "mnist", "fashion-mnist" -> {
                DatasetSpec spec = Sources.get(data);
                Fetcher fetcher = new Fetcher(cacheRoot, System.err::println);
                Path dir = fetcher.directory(spec);
                if (!Files.isDirectory(dir) || !spec.files().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f.name())))) {
                    throw new DatasetException(data + " is not in " + dir + "; fetch it first with: ./sinapsis data fetch "
                            + data + (cacheRoot.equals(Fetcher.cacheRoot(null, System.getenv())) ? "" : " --cache " + cacheRoot));
                }
                yield fromDirectory(data, dir);
            }
            default -> {
                Path dir;
                try {
                    dir = Path.of(data);
                } catch (InvalidPathException e) {
                    throw new DatasetException("--data " + data.replace("\0", "\\0") + ": not a valid path ("
                            + e.getReason() + ")", e);
                }
                if (!Files.isDirectory(dir)) {
                    throw new DatasetException("--data " + data + ": not embedded, mnist, fashion-mnist, nor a directory"
                            + " (a directory must hold train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                            + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each optionally .gz)");
                }
                yield fromDirectory(dir.getFileName() == null ? data : dir.getFileName().toString(), dir);
            }
        };
    }

    /** MNIST-format splits from a directory. */
    public static TrainingData fromDirectory(String name, Path dir) {
        return new TrainingData(name, Mnist.load(dir, Mnist.Split.TRAIN), Mnist.load(dir, Mnist.Split.TEST));
    }

    /** The MNIST subset shipped in this jar: 10,000 training and 2,000 test images. */
    public static TrainingData embedded() {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("sinapsis-embedded-");
            for (String f : IDX_FILES) {
                try (InputStream in = TrainingData.class.getResourceAsStream(EMBEDDED + f)) {
                    if (in == null) {
                        throw new DatasetException("the embedded MNIST subset is missing " + EMBEDDED + f
                                + " (a broken build of sinapsis.jar?)");
                    }
                    Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return fromDirectory("mnist-embedded", tmp);
        } catch (IOException e) {
            throw new DatasetException("cannot unpack the embedded MNIST subset: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                for (String f : IDX_FILES) {
                    tmp.resolve(f).toFile().delete();
                }
                tmp.toFile().delete();
            }
        }
    }
}
