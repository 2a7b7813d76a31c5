package dev.sinapsis.models.autoencoder;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ImageGrid;
import dev.sinapsis.models.Optimizers;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.StepContext;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.models.quality.QualityReference;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link ConvAutoencoder} to reconstruct its input, or, with denoising
 * ({@code noise > 0}), to reconstruct the clean image from one with Gaussian noise of that
 * standard deviation added ({@link Reconstruction#addNoise}). The loss is the per-pixel binary
 * cross-entropy of the reconstruction against the clean pixels (on the logits, see
 * {@link ConvAutoencoder#logits}). Evaluation reports on the test split that loss
 * ({@code eval_loss}), the reconstruction's mean squared error ({@code eval_mse}) and PSNR
 * ({@code eval_psnr}), and with denoising the PSNR of the noisy input itself
 * ({@code eval_noisy_psnr}), the baseline the model must beat;
 * the test noise is drawn from the seed alone, the same at every evaluation. After every epoch
 * {@value #PICTURE} shows rows of test inputs, noisy inputs (when denoising) and reconstructions.
 *
 * <p>Checkpoint names: module {@code model}, optimizer {@code optimizer}, generator {@code noise}.
 */
public final class AutoencoderTask implements TrainingTask {
    /** The picture of inputs and reconstructions in the run directory. */
    public static final String PICTURE = "reconstructions.png";
    /** Checkpoint metadata key of the input noise level. */
    public static final String NOISE_KEY = "autoencoder.noise";
    /** Test images per row of the picture. */
    public static final int PICTURE_COLUMNS = 10;
    private static final long TRAIN_NOISE = 0xAE00_0001L;
    private static final long TEST_NOISE = 0xAE00_0002L;

    private final ConvAutoencoder model;
    private final Optimizer optimizer;
    private final List<LrScheduler> schedulers;
    private final Generator noise;
    private final double sigma;
    private final long seed;
    private final Tensor pictureImages;
    private Generator testNoise;
    private double noisySquaredErrors;
    private long evaluatedExamples;

    /**
     * @param model    the autoencoder
     * @param config   the run (optimizer, learning rate, schedule, seed)
     * @param sigma    standard deviation of the input noise; 0: a plain autoencoder
     * @param test     the test split (the picture shows its first {@value #PICTURE_COLUMNS} images)
     */
    public AutoencoderTask(ConvAutoencoder model, RunConfig config, double sigma, Dataset test) {
        if (!(sigma >= 0 && sigma <= 10)) {
            throw new ConfigException("--denoise takes a noise level in [0, 10], got " + sigma);
        }
        this.model = model;
        this.optimizer = Optimizers.create(config, model.parameters());
        this.schedulers = Optimizers.schedule(config, optimizer);
        this.noise = new Generator(config.seed() ^ TRAIN_NOISE);
        this.sigma = sigma;
        this.seed = config.seed();
        this.pictureImages = MemoryScope.escape(QualityReference.images(test, Math.min(PICTURE_COLUMNS, test.size())));
    }

    /** The task of run {@code config} (its model an {@link AutoencoderSpec}), weights from {@code Generator(seed)}. */
    public static AutoencoderTask create(RunConfig config, double sigma, Dataset test) {
        if (!(config.model() instanceof AutoencoderSpec spec)) {
            throw new ConfigException("a " + config.model().kind() + " is not an autoencoder");
        }
        return new AutoencoderTask(spec.build(new Generator(config.seed())), config, sigma, test);
    }

    /** The autoencoder. */
    public ConvAutoencoder model() {
        return model;
    }

    /** The input noise's standard deviation (0: not denoising). */
    public double noise() {
        return sigma;
    }

    @Override
    public Map<String, String> metadata() {
        return Map.of(NOISE_KEY, Double.toString(sigma));
    }

    @Override
    public Map<String, Module> modules() {
        return Map.of("model", model);
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        return Map.of("optimizer", optimizer);
    }

    @Override
    public List<LrScheduler> schedulers() {
        return schedulers;
    }

    @Override
    public Map<String, Generator> generators() {
        return Map.of("noise", noise);
    }

    @Override
    public List<String> trainingFigures() {
        return List.of("loss");
    }

    @Override
    public double[] trainingStep(Batch batch, StepContext context) {
        Tensor clean = batch.inputs();
        Tensor loss = Losses.bceWithLogits(model.logits(Reconstruction.addNoise(clean, sigma, noise)), clean);
        double l = context.requireFinite("loss", loss);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return new double[] {l * batch.size()};
    }

    @Override
    public List<String> evaluationFigures() {
        return sigma > 0 ? List.of("loss", "mse", "psnr", "noisy_psnr") : List.of("loss", "mse", "psnr");
    }

    @Override
    public void startEvaluation() {
        testNoise = new Generator(seed ^ TEST_NOISE);
        noisySquaredErrors = 0;
        evaluatedExamples = 0;
    }

    @Override
    public double[] evaluationStep(Batch batch) {
        Tensor clean = batch.inputs();
        Tensor noisy = Reconstruction.addNoise(clean, sigma, testNoise);
        Tensor logits = model.logits(noisy);
        double bce = Losses.bceWithLogits(logits, clean).item();
        double mse = Losses.mse(logits.sigmoid(), clean).item();
        double n = batch.size();
        evaluatedExamples += batch.size();
        if (sigma > 0) {
            noisySquaredErrors += Losses.mse(noisy, clean).item() * n;
            return new double[] {bce * n, mse * n, 0, 0};
        }
        return new double[] {bce * n, mse * n, 0};
    }

    /** PSNR from the mean squared error over the whole split (not a mean of per-batch PSNRs). */
    @Override
    public double[] endEvaluation(double[] means) {
        double[] out = means.clone();
        out[2] = Reconstruction.psnr(means[1]);
        if (sigma > 0) {
            out[3] = Reconstruction.psnr(noisySquaredErrors / evaluatedExamples);
        }
        return out;
    }

    /** Writes {@value #PICTURE}: test inputs, noisy inputs (when denoising) and reconstructions, one row each. */
    @Override
    public void epochEnd(int epoch, Path runDir) throws IOException {
        boolean was = model.isTraining();
        model.eval();
        try (var ignored = dev.sinapsis.autograd.Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Tensor noisy = Reconstruction.addNoise(pictureImages, sigma, new Generator(seed ^ TEST_NOISE));
            List<Tensor> rows = new ArrayList<>();
            rows.add(pictureImages);
            if (sigma > 0) {
                rows.add(noisy);
            }
            rows.add(model.forward(noisy));
            ImageGrid.write(Tensor.concat(0, rows), pictureImages.dim(0), 2, runDir.resolve(PICTURE));
        } finally {
            if (was) {
                model.train();
            }
        }
    }
}
