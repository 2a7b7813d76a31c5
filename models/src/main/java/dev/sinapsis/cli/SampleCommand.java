package dev.sinapsis.cli;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.models.ImageGrid;
import dev.sinapsis.models.gan.Gan;
import dev.sinapsis.models.gan.GanSpec;
import dev.sinapsis.models.gan.Interpolation;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis sample RUN_DIR}: images from a trained GAN's generator. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw images from the generator of a gan or dcgan run into a PNG grid.",
                "With --interpolate, each row walks in a straight line between two random latent points."})
final class SampleCommand implements Callable<Integer> {
    /** The most images one call draws. */
    static final int MAX_IMAGES = 10_000;

    @Parameters(index = "0", paramLabel = "RUN_DIR",
            description = "The --out directory of a sinapsis train gan|dcgan run (or its model.safetensors).")
    Path run;

    @Option(names = "--n", paramLabel = "N", description = "Images to draw (default: 64; with --interpolate: rows x steps).")
    int n = 64;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the latent vectors (default: 0).")
    long seed;

    @Option(names = "--out", paramLabel = "PNG", description = "Output image (default: RUN_DIR/sample-S.png, or interpolate-S.png).")
    Path out;

    @Option(names = "--interpolate", description = "Rows of images between two latent points each, instead of independent samples.")
    boolean interpolate;

    @Option(names = "--steps", paramLabel = "K", description = "With --interpolate: images per row, both ends included (default: 10).")
    int steps = 10;

    @Option(names = "--scale", paramLabel = "K", description = "Draw each pixel K x K (default: 2).")
    int scale = 2;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: the best available).")
    String backend;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > MAX_IMAGES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--n must be between 1 and " + MAX_IMAGES
                    + ", got " + n);
        }
        if (steps < 2 || steps > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be between 2 and 100, got " + steps);
        }
        if (scale < 1 || scale > 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be between 1 and 16, got " + scale);
        }
        if (backend != null) {
            Backends.use(backend);
        }
        TrainedModel trained = TrainedModel.open(run);
        Path file = trained.file();
        if (!(trained.config().model() instanceof GanSpec ganSpec)) {
            throw new UserException(run + " holds a " + trained.config().model().kind()
                    + " run; sample takes a gan or dcgan run");
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        String prefix = "generator.";
        trained.weights().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                weights.put(k.substring(prefix.length()), v);
            }
        });
        Module generator = ganSpec.generator(new Generator(0));
        try {
            generator.loadStateDict(weights);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit a " + ganSpec + " generator: " + e.getMessage(), e);
        }
        generator.eval();
        Generator gen = new Generator(seed);
        int cols;
        Tensor z;
        if (interpolate) {
            int rows = Math.max(1, n / steps);
            z = Interpolation.rows(gen, rows, steps, ganSpec.latent());
            cols = steps;
        } else {
            z = Tensor.randn(gen, n, ganSpec.latent());
            cols = (int) Math.ceil(Math.sqrt(n));
        }
        Tensor images;
        try (var ignored = dev.sinapsis.autograd.Autograd.noGrad()) {
            images = Gan.toUnitRange(generator.forward(z));
        }
        Path png = out != null ? out : (Files.isDirectory(run) ? run : file.toAbsolutePath().getParent())
                .resolve((interpolate ? "interpolate-" : "sample-") + seed + ".png");
        ImageGrid.write(images, cols, scale, png);
        Streams.out(spec).printf(Locale.ROOT, "Wrote %s: %s from the %s generator of %s, seed %d%n", png,
                interpolate ? images.dim(0) / cols + " interpolation row(s) of " + cols + " images"
                        : images.dim(0) + " samples", ganSpec, run, seed);
        return 0;
    }
}
