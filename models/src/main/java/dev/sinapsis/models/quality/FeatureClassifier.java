package dev.sinapsis.models.quality;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.Cnn;
import dev.sinapsis.models.ModelSpec;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The project's own image classifiers, shipped in the jar, used to judge generated images: the
 * penultimate-layer features for the Fréchet distance and the class probabilities for the
 * Inception Score and class coverage. Each is a {@code sinapsis train cnn} run whose
 * {@code model.safetensors}, {@code summary.json} and the command that produced them lie in
 * {@value #RESOURCES}{@code NAME/} (see {@code README.md} there): {@code mnist} (also for the
 * embedded MNIST subset) and {@code fashion-mnist}.
 *
 * <pre>{@code
 * try (FeatureClassifier c = FeatureClassifier.load("mnist")) {
 *     FeatureClassifier.Outputs o = c.run(images);   // [N, 1, 28, 28] in [0, 1]
 * }
 * }</pre>
 */
public final class FeatureClassifier implements AutoCloseable {
    /** Resource folder of the shipped classifiers. */
    public static final String RESOURCES = "/dev/sinapsis/models/classifier/";
    private static final int BATCH = 500;

    private final String name;
    private final Cnn model;

    /**
     * The features and probabilities of a set of images, on the host in F64.
     *
     * @param features      {@code [N][D]} penultimate-layer activations
     * @param probabilities {@code [N][C]} softmax outputs
     */
    public record Outputs(double[][] features, double[][] probabilities) {
    }

    private FeatureClassifier(String name, Cnn model) {
        this.name = name;
        this.model = model;
    }

    /**
     * The classifier that judges images of dataset {@code data} ({@code embedded}, {@code mnist} or
     * {@code fashion-mnist}); empty for other data (a directory of IDX files), which no shipped
     * classifier knows.
     */
    public static Optional<String> nameFor(String data) {
        return switch (data) {
            case "embedded", "mnist" -> Optional.of("mnist");
            case "fashion-mnist" -> Optional.of("fashion-mnist");
            default -> Optional.empty();
        };
    }

    /** True when the jar holds the classifier {@code name}'s weights. */
    public static boolean isShipped(String name) {
        return FeatureClassifier.class.getResource(RESOURCES + name + "/model.safetensors") != null;
    }

    /** Loads the shipped classifier {@code name} ({@code mnist} or {@code fashion-mnist}). */
    public static FeatureClassifier load(String name) {
        String resource = RESOURCES + name + "/model.safetensors";
        Path tmp = null;
        try (InputStream in = FeatureClassifier.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped classifier '" + name + "' (" + resource
                        + " is not in the jar); the classifiers are mnist and fashion-mnist");
            }
            tmp = Files.createTempFile("sinapsis-classifier-", ".safetensors");
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            SafeTensors.Contents contents = SafeTensors.read(tmp);
            RunConfig config = RunConfig.fromMetadata(contents.metadata());
            if (!(config.model() instanceof ModelSpec spec) || !spec.kind().equals("cnn")) {
                throw new IllegalStateException(resource + " holds a " + config.model().kind() + ", not a cnn");
            }
            Cnn cnn = (Cnn) spec.build(1, 28, 28, 10, new Generator(0), new Generator(0));
            Map<String, Tensor> state = contents.tensors();
            cnn.loadStateDict(state);
            state.values().forEach(Tensor::close);
            cnn.eval();
            return new FeatureClassifier(name, cnn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped classifier " + resource + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    /** {@code mnist} or {@code fashion-mnist}. */
    public String name() {
        return name;
    }

    /** Features and probabilities of {@code images} {@code [N, 1, 28, 28]} with pixels in [0, 1]. */
    public Outputs run(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) != 28 || images.dim(3) != 28) {
            throw new IllegalArgumentException("FeatureClassifier: expected images [N, 1, 28, 28], got " + images.shape());
        }
        int n = images.dim(0);
        double[][] features = new double[n][];
        double[][] probs = new double[n][];
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
                Tensor x = images.slice(0, start, end);
                Tensor f = model.features(x);
                Tensor logits = model.head(f);
                double[] ff = f.toDoubleArray();
                double[] pp = dev.sinapsis.nn.functional.Activations.softmax(logits, 1).toDoubleArray();
                int d = f.dim(1);
                int c = logits.dim(1);
                for (int i = start; i < end; i++) {
                    features[i] = java.util.Arrays.copyOfRange(ff, (i - start) * d, (i - start + 1) * d);
                    probs[i] = java.util.Arrays.copyOfRange(pp, (i - start) * c, (i - start + 1) * c);
                }
            }
        }
        return new Outputs(features, probs);
    }

    @Override
    public void close() {
        model.close();
    }
}
