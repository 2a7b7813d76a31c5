package dev.sinapsis.cli;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.io.Json;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.ConsoleProgress;
import dev.sinapsis.models.EpochCharts;
import dev.sinapsis.models.EpochStats;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.models.Trainer;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.models.autoencoder.AutoencoderSpec;
import dev.sinapsis.models.autoencoder.AutoencoderTask;
import dev.sinapsis.models.autoencoder.ConvAutoencoder;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.models.gan.GanSpec;
import dev.sinapsis.models.gan.GanTask;
import dev.sinapsis.models.quality.FeatureClassifier;
import dev.sinapsis.models.quality.QualityReference;
import dev.sinapsis.models.quality.SampleQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The generative models of {@code sinapsis train}: gan, dcgan and autoencoder (settings, task, final report). */
final class Generative {
    /** Default epochs: the MLP GAN's finish in a few minutes on two cores with the embedded data. */
    static final int GAN_EPOCHS = 30;
    /**
     * The DCGAN's default epochs: with the refined F = 64 networks on the full MNIST its samples reach
     * IS 9.22 and 90.9 % confident after 10 (about 40 minutes on two cores; README.md).
     */
    static final int DCGAN_EPOCHS = 10;
    static final int AUTOENCODER_EPOCHS = 5;
    static final int QUALITY_SAMPLES = 1000;
    /**
     * The MLP GAN's default translation of the discriminator's images, in pixels: measured on the
     * embedded MNIST (10,000 images), it lifts the confident share of the samples from about 0.54 to
     * about 0.7 (docs in README.md); the DCGAN on the full data set does not need it.
     */
    static final int GAN_TRANSLATION = 2;

    private Generative() {
    }

    static boolean handles(String kind) {
        return GanSpec.KINDS.contains(kind) || kind.equals(AutoencoderSpec.KIND);
    }

    /** The settings of a new run of {@code c.model} from its options and defaults, on {@code td}'s images. */
    static RunConfig newConfig(TrainCommand c, TrainingData td) {
        String kind = c.model.name();
        boolean gan = GanSpec.KINDS.contains(kind);
        c.generative.rejectUnless(kind, gan, !gan);
        if (c.text.any()) {
            throw new UserException(TextOptions.names() + " are for lstm and gru, not " + kind);
        }
        if (c.activation != null) {
            throw new UserException("--activation is for mlp, not " + kind);
        }
        if (c.dropout != null && !kind.equals("gan")) {
            throw new UserException("--dropout is for mlp, cnn, lstm, gru and gan (its discriminator), not " + kind);
        }
        int[] image = td.train().inputShape().toArray();
        if (image.length != 3) {
            throw new ConfigException(kind + " takes images [channels, height, width], the data has examples of shape "
                    + td.train().inputShape());
        }
        String opt = c.optimizer != null ? c.optimizer.toLowerCase(Locale.ROOT) : "adam";
        RunConfig config;
        if (gan) {
            GanSpec d = GanSpec.defaults(kind, image);
            GanSpec spec = new GanSpec(kind, c.generative.latent != null ? c.generative.latent : d.latent(),
                    c.hidden != null ? c.hidden : d.widths(), image, c.dropout != null ? c.dropout : d.dropout(),
                    c.generative.refine != null ? c.generative.refine : d.refine());
            config = new RunConfig(spec, c.data != null ? c.data : "embedded",
                    c.epochs != null ? c.epochs : kind.equals("dcgan") ? DCGAN_EPOCHS : GAN_EPOCHS,
                    c.batch != null ? c.batch : 64, c.lr != null ? c.lr : 2e-4, opt,
                    c.weightDecay != null ? c.weightDecay : 0, schedule(c, "none"), patience(c), seed(c),
                    limit(c.trainLimit), limit(c.testLimit));
        } else {
            ConvAutoencoder.Decoder decoder = c.generative.decoder != null ? ConvAutoencoder.Decoder.parse(c.generative.decoder)
                    : ConvAutoencoder.Decoder.UNPOOL;
            AutoencoderSpec spec = new AutoencoderSpec(decoder, c.hidden != null ? c.hidden
                    : AutoencoderSpec.defaults(image).filters(), image);
            config = new RunConfig(spec, c.data != null ? c.data : "embedded",
                    c.epochs != null ? c.epochs : AUTOENCODER_EPOCHS, c.batch != null ? c.batch : 64,
                    c.lr != null ? c.lr : opt.equals("sgd") ? 0.05 : 1e-3, opt,
                    c.weightDecay != null ? c.weightDecay : opt.equals("adamw") ? 0.01 : 0, schedule(c, "cosine"),
                    patience(c), seed(c), limit(c.trainLimit), limit(c.testLimit));
        }
        return config;
    }

    private static String schedule(TrainCommand c, String fallback) {
        return c.schedule != null ? c.schedule.toLowerCase(Locale.ROOT) : fallback;
    }

    private static int patience(TrainCommand c) {
        return c.patience != null ? c.patience : 0;
    }

    private static long seed(TrainCommand c) {
        return c.seed != null ? c.seed : 42;
    }

    private static int limit(Integer n) {
        return n != null ? n : 0;
    }

    /**
     * The task of {@code config}: options from the command line for a new run, from the
     * checkpoint's metadata {@code saved} when resuming.
     */
    static RunData runData(TrainCommand c, RunConfig config, Map<String, String> saved, TrainingData td,
                           ConsoleProgress progress) {
        return new RunData(td.name(), td.train(), td.test(), task(c, config, saved, td, progress));
    }

    private static TrainingTask task(TrainCommand c, RunConfig config, Map<String, String> saved, TrainingData td,
                                     ConsoleProgress progress) {
        if (config.model() instanceof GanSpec spec) {
            GanTask.Options options = saved != null ? GanTask.Options.fromMetadata(saved)
                    : new GanTask.Options(c.generative.labelSmoothing != null ? c.generative.labelSmoothing : 0,
                            c.generative.qualitySamples != null ? c.generative.qualitySamples : QUALITY_SAMPLES,
                            c.generative.translate != null ? c.generative.translate
                                    : spec.kind().equals("gan") ? GAN_TRANSLATION : 0);
            GanTask.requireGan(config); // before the reference's minute of feature extraction
            QualityReference reference = null;
            if (options.qualitySamples() > 0) {
                Optional<String> judge = spec.image()[0] == 1 && spec.image()[1] == 28 && spec.image()[2] == 28
                        ? FeatureClassifier.nameFor(config.data()) : Optional.empty();
                if (judge.isEmpty()) {
                    progress.message("No shipped classifier judges " + config.data() + " images; training without"
                            + " quality figures (they exist for embedded, mnist and fashion-mnist)");
                } else if (!FeatureClassifier.isShipped(judge.get())) {
                    progress.message("This build has no " + judge.get() + " classifier to judge samples with;"
                            + " training without quality figures");
                } else {
                    reference = QualityReference.of(FeatureClassifier.load(judge.get()),
                            limited(td.train(), config.trainLimit()), limited(td.test(), config.testLimit()),
                            options.qualitySamples());
                    progress.message(String.format(Locale.ROOT, "Real-data reference (%,d test images against %,d"
                            + " training images, %s classifier): %s", reference.realTest().count(),
                            reference.trainCount(), judge.get(), reference.realTest()));
                }
            }
            return GanTask.create(config, options, reference);
        }
        double sigma = saved != null ? parseNoise(saved) : c.generative.denoise != null ? c.generative.denoise : 0;
        return AutoencoderTask.create(config, sigma, td.test());
    }

    private static dev.sinapsis.data.Dataset limited(dev.sinapsis.data.Dataset d, int n) {
        return n > 0 && n < d.size() ? d.subset(0, n) : d;
    }

    private static double parseNoise(Map<String, String> meta) {
        String v = meta.get(AutoencoderTask.NOISE_KEY);
        try {
            return Double.parseDouble(v);
        } catch (NullPointerException | NumberFormatException e) {
            throw new ConfigException("checkpoint metadata '" + AutoencoderTask.NOISE_KEY + "' is missing or not a number: "
                    + v);
        }
    }

    /** The final report, plots and {@code summary.json} of a finished generative run. */
    static void report(TrainingTask task, RunConfig config, Backend backend, String dataName, Path dir,
                       Trainer.Result r, int trainN, PrintStream out) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", config.model().kind());
        summary.put("backend", backend.name());
        summary.put("dataset", dataName);
        summary.put("epochs", r.history().size());
        summary.put("batch", config.batchSize());
        summary.put("lr", config.lr());
        summary.put("seed", config.seed());
        summary.put("parameters", r.parameters());
        summary.put("train_examples", trainN);
        List<String> wrote = new ArrayList<>();
        String title = config.model().kind() + " on " + dataName;
        List<EpochStats> h = r.history();
        out.println();
        if (task instanceof GanTask g) {
            GanSpec spec = (GanSpec) config.model();
            summary.put("latent", spec.latent());
            summary.put("label_smoothing", g.gan().options().labelSmoothing());
            summary.put("translation", g.gan().options().translation());
            SampleQuality q = g.lastQuality();
            if (q != null) {
                QualityReference ref = g.reference();
                out.printf(Locale.ROOT, "Sample quality: %,d samples from fixed noise, judged by the shipped %s classifier"
                        + " (FID against %,d training images' features):%n", q.count(), ref.classifier().name(),
                        ref.trainCount());
                out.printf(Locale.ROOT, "%-10s %9s %6s %10s %8s %14s%n", "", "FID", "IS", "confident", "classes",
                        "class entropy");
                row(out, "generated", q);
                row(out, "real test", ref.realTest());
                summary.putAll(q.toMap(""));
                summary.putAll(ref.realTest().toMap("real_"));
            } else {
                out.println("No quality figures (--quality-samples 0, or no shipped classifier for this data).");
            }
            wrote.add(GanTask.SAMPLES + " (final grid; one per epoch in " + GanTask.SAMPLES_DIR + "/)");
            if (EpochCharts.write(dir.resolve("losses.png"), title + ": training", "mean per epoch", h, series(
                    "D loss", "train_loss_d", "G loss", "train_loss_g", "D(x)", "train_d_real", "D(G(z))", "train_d_fake"))) {
                wrote.add("losses.png");
            }
            if (EpochCharts.write(dir.resolve("fid.png"), title + ": FID of samples", "FID", h, series("FID", "eval_fid"))) {
                wrote.add("fid.png");
            }
            if (EpochCharts.write(dir.resolve("is.png"), title + ": Inception Score of samples", "IS", h,
                    series("IS", "eval_is"))) {
                wrote.add("is.png");
            }
        } else if (task instanceof AutoencoderTask a) {
            double mse = r.evaluation("mse");
            double psnr = r.evaluation("psnr");
            summary.put("denoise", a.noise());
            summary.put("test_mse", round(mse, 6));
            summary.put("test_psnr", round(psnr, 3));
            out.printf(Locale.ROOT, "Test reconstruction (%s): MSE %.5f  PSNR %.2f dB", a.noise() > 0
                    ? "clean images from noisy ones, noise %.2f".formatted(a.noise()) : "of the input", mse, psnr);
            if (a.noise() > 0) {
                double noisy = r.evaluation("noisy_psnr");
                summary.put("noisy_psnr", round(noisy, 3));
                out.printf(Locale.ROOT, "   (noisy input: PSNR %.2f dB; %+.2f dB)", noisy, psnr - noisy);
            }
            out.println();
            wrote.add(AutoencoderTask.PICTURE);
            if (EpochCharts.write(dir.resolve("loss.png"), title + ": loss (pixel binary cross-entropy)", "BCE", h,
                    series("train", "train_loss", "test", "eval_loss"))) {
                wrote.add("loss.png");
            }
            if (EpochCharts.write(dir.resolve("psnr.png"), title + ": test PSNR", "dB", h,
                    series("reconstruction", "eval_psnr", "noisy input", "eval_noisy_psnr"))) {
                wrote.add("psnr.png");
            }
        }
        summary.put("train_seconds", round(r.trainSeconds(), 3));
        summary.put("samples_per_sec", round(r.samplesPerSec(), 1));
        summary.put("stopped_early", r.stoppedEarly());
        summary.put("out", dir.toString());
        String json = Json.write(summary);
        RunFiles.writeSummary(dir, json);
        out.println();
        out.println("Wrote " + dir.resolve(String.join(", ", wrote)) + ", " + RunFiles.METRICS + ", " + RunFiles.SUMMARY
                + ", " + Trainer.MODEL + ", " + Trainer.CHECKPOINT);
        out.println(json);
        out.flush();
    }

    private static void row(PrintStream out, String label, SampleQuality q) {
        out.printf(Locale.ROOT, "%-10s %9.2f %6.2f %9.1f%% %5d/%-2d %14.3f%n", label, q.fid(), q.inceptionScore(),
                100 * q.confidentFraction(), q.classesPresent(), q.coverage().classes(), q.classEntropy());
    }

    private static Map<String, String> series(String... labelsAndFigures) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndFigures.length; i += 2) {
            m.put(labelsAndFigures[i], labelsAndFigures[i + 1]);
        }
        return m;
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
