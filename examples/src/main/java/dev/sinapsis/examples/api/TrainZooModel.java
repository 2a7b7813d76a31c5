package dev.sinapsis.examples.api;

import dev.sinapsis.models.EpochStats;
import dev.sinapsis.models.Mlp;
import dev.sinapsis.models.ModelSpec;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.Trainer;
import dev.sinapsis.models.TrainingListener;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Generator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A zoo model trained from Java rather than with {@code sinapsis train}: the {@link Mlp} on the
 * MNIST subset shipped in sinapsis-models, by the same {@link Trainer} the CLI uses (checkpoint,
 * metrics and the learning-rate schedule included), with its summary printed first.
 */
public final class TrainZooModel {
    private TrainZooModel() {
    }

    public static void main(String[] args) throws IOException {
        run(System.out, Files.createTempDirectory("sinapsis-zoo"));
    }

    /** Trains 3 epochs on 3,000 images and returns the test accuracy on 500; the run's files go to {@code out}. */
    public static double run(PrintStream out, Path outDir) throws IOException {
        TrainingData mnist = TrainingData.embedded();                 // 10,000 train / 2,000 test images
        Generator dropout = new Generator(43);                        // the Trainer keeps its state in checkpoints
        Mlp model = new Mlp(28 * 28, new int[] {64}, 10, "relu", 0.1, new Generator(42), dropout);
        out.print(model.summary(1, 1, 28, 28));                        // Keras-style table
        // model, data, epochs, batch, lr, optimizer, weight decay, schedule, patience, seed, train/test limits
        RunConfig config = new RunConfig(new ModelSpec("mlp", new int[] {64}, "relu", 0.1), "embedded", 3, 64, 2e-3,
                "adam", 0, "cosine", 0, 42, 3000, 500);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochDone(EpochStats stats, int epochs) {
                StringBuilder figures = new StringBuilder();
                stats.metrics().forEach((name, value) -> figures.append(String.format(Locale.ROOT, "  %s %.4f", name, value)));
                out.printf(Locale.ROOT, "epoch %d/%d%s%n", stats.epoch(), epochs, figures);
            }
        };
        Trainer trainer = new Trainer(config, model, dropout, mnist.train(), mnist.test(), outDir, listener);
        Trainer.Result result = trainer.fit();
        out.printf(Locale.ROOT, "test accuracy %.4f on 500 images; checkpoint and metrics in %s%n",
                result.testAccuracy(), outDir);
        return result.testAccuracy();
    }
}
