package dev.sinapsis.models.gan;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.BatchSampler;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ImageGrid;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.StepContext;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.models.quality.FeatureClassifier;
import dev.sinapsis.models.quality.QualityReference;
import dev.sinapsis.models.quality.SampleQuality;
import dev.sinapsis.nn.Module;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.schedule.CosineAnnealingLR;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link Gan} (MLP or DCGAN, {@link GanSpec}) as a {@link TrainingTask}: each step one
 * discriminator and one generator update on a batch of real images and fresh noise. After every
 * epoch the task draws 64 samples from a fixed noise batch into {@code samples/epoch-NNN.png}
 * (and {@code samples.png}), and, when a shipped {@link FeatureClassifier} knows the data,
 * evaluates {@link Options#qualitySamples} samples from another fixed noise batch: FID against
 * the training images, Inception Score, confident fraction, classes present and their entropy
 * ({@code eval_fid}, {@code eval_is}, ... in {@code metrics.csv}; early stopping watches the FID).
 *
 * <p>Checkpoint names: modules {@code generator}, {@code discriminator}; optimizers
 * {@code optimizer_g}, {@code optimizer_d}; generators {@code noise}, {@code dropout} (the
 * discriminator's masks) and, with a translation, {@code augment} (its shifts). The fixed noise batches come
 * from the seed alone, so they are the same after a resume.
 */
public final class GanTask implements TrainingTask {
    /** Samples in the per-epoch grid. */
    public static final int GRID = 64;
    /** Folder of the per-epoch grids in the run directory. */
    public static final String SAMPLES_DIR = "samples";
    /** The latest grid. */
    public static final String SAMPLES = "samples.png";
    private static final long GRID_NOISE = 0x6A1D_0001L;
    private static final long QUALITY_NOISE = 0x6A1D_0002L;
    private static final long TRAIN_NOISE = 0x6A1D_0003L;
    private static final long DROPOUT = 0x6A1D_0004L;
    private static final long AUGMENT = 0x6A1D_0005L;

    /**
     * The GAN-specific settings of a run, stored in the checkpoint's metadata.
     *
     * @param labelSmoothing  one-sided label smoothing of the real images' target (0: none)
     * @param qualitySamples  samples judged after every epoch (0: no quality figures)
     * @param translation     largest shift in pixels of the discriminator's {@link RandomTranslation}
     *                        (0: none)
     */
    public record Options(double labelSmoothing, int qualitySamples, int translation) {
        /** The most samples judged per epoch. */
        public static final int MAX_QUALITY_SAMPLES = 50_000;

        /** @throws ConfigException for values out of range */
        public Options {
            if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
                throw new ConfigException("--label-smoothing must be in [0, 0.5), got " + labelSmoothing);
            }
            if (qualitySamples != 0 && (qualitySamples < 2 || qualitySamples > MAX_QUALITY_SAMPLES)) {
                throw new ConfigException("--quality-samples must be 0 (off) or between 2 and " + MAX_QUALITY_SAMPLES
                        + ", got " + qualitySamples);
            }
            if (translation < 0 || translation > RandomTranslation.MAX_SHIFT) {
                throw new ConfigException("--translate must be 0 (off) to " + RandomTranslation.MAX_SHIFT
                        + " pixels, got " + translation);
            }
        }

        /** Without augmentation. */
        public Options(double labelSmoothing, int qualitySamples) {
            this(labelSmoothing, qualitySamples, 0);
        }

        /** As checkpoint metadata. */
        public Map<String, String> toMetadata() {
            return Map.of("gan.label_smoothing", Double.toString(labelSmoothing), "gan.quality_samples",
                    Integer.toString(qualitySamples), "gan.translation", Integer.toString(translation));
        }

        /** The options stored by {@link #toMetadata} (a checkpoint from before the translation: none). */
        public static Options fromMetadata(Map<String, String> meta) {
            String s = meta.get("gan.label_smoothing");
            String q = meta.get("gan.quality_samples");
            String t = meta.getOrDefault("gan.translation", "0");
            if (s == null || q == null) {
                throw new ConfigException("checkpoint metadata lacks 'gan.label_smoothing' or 'gan.quality_samples'");
            }
            try {
                return new Options(Double.parseDouble(s), Integer.parseInt(q), Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw new ConfigException("checkpoint metadata 'gan.label_smoothing', 'gan.quality_samples' or"
                        + " 'gan.translation' is not a number: " + s + ", " + q + ", " + t);
            }
        }
    }

    private final Gan gan;
    private final GanSpec spec;
    private final Options options;
    private final long seed;
    private final Generator noise;
    private final Generator dropout;
    private final Generator augment;
    private final List<LrScheduler> schedulers;
    private final QualityReference reference;
    private SampleQuality lastQuality;

    /**
     * A task for {@code gan}; {@code reference} judges its samples (null: no quality figures).
     *
     * <p>{@code dropout} is the generator of the discriminator's dropout masks; the training noise
     * and the fixed noise batches derive from the run's seed.
     */
    public GanTask(Gan gan, Generator dropout, Options options, RunConfig config, QualityReference reference) {
        this(gan, dropout, null, options, config, reference);
    }

    /**
     * As {@link #GanTask(Gan, Generator, Options, RunConfig, QualityReference)}, with {@code augment}
     * the generator of the discriminator's translations that {@code gan} uses (null: none).
     */
    public GanTask(Gan gan, Generator dropout, Generator augment, Options options, RunConfig config,
                   QualityReference reference) {
        this.gan = gan;
        this.augment = augment;
        this.spec = gan.spec();
        this.options = options;
        this.seed = config.seed();
        this.noise = new Generator(config.seed() ^ TRAIN_NOISE);
        this.dropout = dropout;
        this.reference = options.qualitySamples() > 0 ? reference : null;
        this.schedulers = switch (config.schedule()) {
            case "cosine" -> List.of(new CosineAnnealingLR(gan.optimizerG(), config.epochs(), 0),
                    new CosineAnnealingLR(gan.optimizerD(), config.epochs(), 0));
            case "none" -> List.of();
            default -> throw new ConfigException("a GAN takes --schedule none or cosine, not " + config.schedule());
        };
    }

    /**
     * The task of run {@code config} (its model a {@link GanSpec}): G then D initialised from
     * {@code Generator(seed)}, Adam with the config's learning rate and β = (0.5, 0.999).
     */
    public static GanTask create(RunConfig config, Options options, QualityReference reference) {
        GanSpec spec = requireGan(config);
        Generator dropout = new Generator(config.seed() ^ DROPOUT);
        Generator augment = options.translation() > 0 ? new Generator(config.seed() ^ AUGMENT) : null;
        Gan gan = Gan.create(spec, new Gan.Options(config.lr(), config.lr(), 0.5, 0.999, options.labelSmoothing(),
                options.translation()), new Generator(config.seed()), dropout, augment);
        return new GanTask(gan, dropout, augment, options, config, reference);
    }

    /**
     * The run's {@link GanSpec}, after checking the run suits a GAN (Adam, no weight decay, schedule
     * none or cosine).
     *
     * @throws ConfigException naming what does not fit
     */
    public static GanSpec requireGan(RunConfig config) {
        if (!(config.model() instanceof GanSpec spec)) {
            throw new ConfigException("a " + config.model().kind() + " is not a GAN (gan or dcgan)");
        }
        if (!config.optimizer().equals("adam") || config.weightDecay() != 0) {
            throw new ConfigException("GANs train with Adam (β1 0.5) and no weight decay; leave out --optimizer"
                    + " and --weight-decay");
        }
        if (!config.schedule().equals("none") && !config.schedule().equals("cosine")) {
            throw new ConfigException("a GAN takes --schedule none or cosine, not " + config.schedule());
        }
        return spec;
    }

    /** The adversarial pair. */
    public Gan gan() {
        return gan;
    }

    /** The quality of the last evaluation's samples (null before the first, or with quality off). */
    public SampleQuality lastQuality() {
        return lastQuality;
    }

    /** The real-data reference (null with quality off). */
    public QualityReference reference() {
        return reference;
    }

    /** The fixed noise of the per-epoch grids: {@code n} latent vectors from the seed. */
    public static Tensor gridNoise(long seed, int n, int latent) {
        return Tensor.randn(new Generator(seed ^ GRID_NOISE), n, latent);
    }

    @Override
    public Map<String, Module> modules() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("generator", gan.generator());
        m.put("discriminator", gan.discriminator());
        return m;
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        Map<String, Optimizer> m = new LinkedHashMap<>();
        m.put("optimizer_g", gan.optimizerG());
        m.put("optimizer_d", gan.optimizerD());
        return m;
    }

    @Override
    public List<LrScheduler> schedulers() {
        return schedulers;
    }

    @Override
    public Map<String, Generator> generators() {
        // "augment" only where there is one, so checkpoints from before the translation still resume
        return augment == null ? Map.of("noise", noise, "dropout", dropout)
                : Map.of("noise", noise, "dropout", dropout, "augment", augment);
    }

    @Override
    public List<String> trainingFigures() {
        return List.of("loss_d", "loss_g", "d_real", "d_fake");
    }

    @Override
    public double[] trainingStep(Batch batch, StepContext context) {
        int n = batch.size();
        Tensor z = Tensor.randn(noise, n, spec.latent());
        Gan.StepResult r = gan.step(Gan.toGanRange(batch.inputs()), z, context::requireFinite);
        return new double[] {r.lossD() * n, r.lossG() * n, r.dReal() * n, r.dFake() * n};
    }

    @Override
    public List<String> evaluationFigures() {
        return reference == null ? List.of() : List.of("fid", "is", "confident", "classes", "class_entropy");
    }

    /** One batch of one test example: the evaluation judges samples, not the test split. */
    @Override
    public BatchSampler evaluationSampler(Dataset test, int batchSize) {
        return new BatchSampler() {
            @Override
            public int batchesPerEpoch() {
                return 1;
            }

            @Override
            public int[][] batches(int epoch) {
                return new int[][] {{0}};
            }
        };
    }

    @Override
    public double[] evaluationStep(Batch batch) {
        return new double[evaluationFigures().size()];
    }

    @Override
    public double[] endEvaluation(double[] means) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor z = Tensor.randn(new Generator(seed ^ QUALITY_NOISE), options.qualitySamples(), spec.latent());
            lastQuality = reference.judge(Gan.toUnitRange(gan.sample(z)));
        }
        return new double[] {lastQuality.fid(), lastQuality.inceptionScore(), lastQuality.confidentFraction(),
            lastQuality.classesPresent(), lastQuality.classEntropy()};
    }

    @Override
    public String monitor() {
        return reference == null ? null : "eval_fid";
    }

    @Override
    public Map<String, String> metadata() {
        return options.toMetadata();
    }

    /** Writes the grid of 64 samples from the fixed noise: {@code samples/epoch-NNN.png} and {@code samples.png}. */
    @Override
    public void epochEnd(int epoch, Path runDir) throws IOException {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor images = Gan.toUnitRange(gan.sample(gridNoise(seed, GRID, spec.latent())));
            Path dir = runDir.resolve(SAMPLES_DIR);
            Files.createDirectories(dir);
            ImageGrid.write(images, 8, 2, dir.resolve(String.format(Locale.ROOT, "epoch-%03d.png", epoch)));
            ImageGrid.write(images, 8, 2, runDir.resolve(SAMPLES));
        }
    }
}
