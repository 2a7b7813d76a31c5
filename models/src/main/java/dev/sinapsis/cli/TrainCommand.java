package dev.sinapsis.cli;

import dev.sinapsis.autograd.AnomalyException;
import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.metrics.ConfusionMatrix;
import dev.sinapsis.models.ConsoleProgress;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.Json;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.CheckpointChecks;
import dev.sinapsis.models.ClassifierTask;
import dev.sinapsis.models.DistributedTraining;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.tensor.Tensor;
import dev.sinapsis.models.ModelConfig;
import dev.sinapsis.models.ModelSpec;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.models.SequenceModelSpec;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.Summaries;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.models.gan.GanSpec;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.RunFiles;
import dev.sinapsis.models.RunInterruptedException;
import dev.sinapsis.models.Trainer;
import dev.sinapsis.models.TrainingDivergedException;
import dev.sinapsis.models.data.Fetcher;
import dev.sinapsis.models.data.TrainingData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sinapsis train <mlp|cnn|lstm|gru>}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model, evaluating on the test split after every epoch and checkpointing into --out.",
                "With no options: the model's defaults on a subset embedded in the jar (no network needed): MNIST for"
                        + " mlp and cnn, IMDB movie reviews (sentiment) for lstm and gru.",
                "Ends with the test accuracy, the confusion matrix, per-class precision/recall/F1 (and ROC-AUC for"
                        + " two classes) and one JSON line; --out receives summary.json, metrics.csv, a plot per"
                        + " figure (loss.png, accuracy.png, ...) and the checkpoint (with the vocabulary for text).",
                "Ctrl-C saves a checkpoint after the current step and exits (status 130); --resume DIR then continues"
                        + " exactly where it stopped. A crash at any moment leaves DIR resumable."})
final class TrainCommand implements Callable<Integer> {
    /** Exit status after Ctrl-C, once the checkpoint is saved (128 + SIGINT, as shells report it). */
    static final int EXIT_INTERRUPTED = 130;

    enum Model { mlp, cnn, lstm, gru, gan, dcgan, autoencoder }

    @Parameters(index = "0", paramLabel = "MODEL", arity = "0..1",
            description = "mlp or cnn (images), lstm or gru (text), gan (MLP GAN), dcgan or autoencoder (generative);"
                    + " may be omitted with --resume.")
    Model model;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (see sinapsis devices; default: the best available).")
    String backend;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: cnn 4, mlp 10, lstm/gru 6 embedded, 4 imdb, gan 30, dcgan " + Generative.DCGAN_EPOCHS + ", autoencoder 5;"
                    + " with --resume: the total).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N",
            description = "Batch size (default: 64; lstm/gru on the embedded subset 32).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default with adam/adamw: mlp 1e-3, cnn 2e-3, lstm/gru 3e-3 embedded, 2e-3"
                    + " imdb; sgd 0.05).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd (momentum 0.9), adam or adamw (default: adam).")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "NAME", description = "Learning-rate schedule: none, cosine or step (default: cosine).")
    String schedule;

    @Option(names = "--weight-decay", paramLabel = "W", description = "Weight decay (default: 0; adamw 0.01).")
    Double weightDecay;

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a better test loss (default: 0, never).")
    Integer patience;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of weights, batch order and dropout (default: 42).")
    Long seed;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "mlp/cnn: embedded (default), mnist, fashion-mnist (after sinapsis data fetch), or a directory"
                    + " with the four MNIST-format IDX files; lstm/gru: embedded (default) or imdb (after sinapsis data"
                    + " fetch imdb).")
    String data;

    @Option(names = "--cache", paramLabel = "DIR", description = "Dataset cache (default: $SINAPSIS_DATA, else ~/.cache/sinapsis).")
    Path cache;

    @Option(names = "--hidden", paramLabel = "W,W,...", split = ",", hideParamSyntax = true,
            description = "mlp: hidden widths (default 512,256; each at most 4096); cnn: conv1 filters, conv2 filters,"
                    + " dense width (default 16,32,128; filters at most 512, width at most 4096); lstm/gru: the"
                    + " recurrent layer's size per direction (default: embedded 32, imdb 128); gan: the generator's"
                    + " hidden widths, the discriminator's reversed (default 256,512,1024); dcgan: base filters (default " + dev.sinapsis.models.gan.GanSpec.DEFAULT_FILTERS + ");"
                    + " autoencoder: the two encoder convolutions' filters (default 16,32).")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "mlp hidden activation: relu, tanh, sigmoid, gelu, elu, leaky-relu (default: relu).")
    String activation;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout probability (default: mlp 0.2, cnn 0.25, lstm/gru 0.5 before the classifier, gan 0.3 in"
                    + " the discriminator).")
    Double dropout;

    @CommandLine.Mixin
    TextOptions text = new TextOptions();

    @CommandLine.Mixin
    GenerativeOptions generative = new GenerativeOptions();

    @CommandLine.Mixin
    SparkOptions spark = new SparkOptions();

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training examples (default: all).")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test examples (default: all).")
    Integer testLimit;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/MODEL-DATA-TIMESTAMP).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run checkpointed in DIR exactly where it stopped (same settings; --epochs may raise the total).")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Also save the checkpoint every N training steps, not only after each epoch (default: 0,"
                    + " after each epoch); --resume continues from the exact step, with the same result.")
    int checkpointEvery;

    @Option(names = "--detect-anomaly",
            description = "Name the op whose forward or backward first produces a NaN or infinity, with its shapes"
                    + " (slow: for finding why a run diverges).")
    boolean detectAnomaly;

    @Option(names = "--stop-after", hidden = true, paramLabel = "N",
            description = "Stop after N epochs of this invocation, as if interrupted (for testing --resume).")
    int stopAfter = Integer.MAX_VALUE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What {@link #setup} prepared: the backend, the settings, the data's name and sizes (limits
     * applied), the output directory and the trainer.
     */
    record Setup(Backend backend, RunConfig config, String dataName, int trainSize, int testSize, Path dir,
                 Trainer trainer, Dataset train) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = Streams.out(spec);
        PrintStream stderr = Streams.err(spec);
        boolean textModel = model == Model.lstm || model == Model.gru
                || model == null && resume != null && isText(resume);
        ConsoleProgress progress = new ConsoleProgress(stdout, stderr, ConsoleProgress.terminal(),
                textModel ? "seq" : "img");
        Setup setup = setup(progress);
        Backend chosen = setup.backend();
        RunConfig config = setup.config();
        Path dir = setup.dir();
        Trainer trainer = setup.trainer();
        int trainN = setup.trainSize();
        int testN = setup.testSize();
        stdout.printf(Locale.ROOT, "Training %s (%,d parameters) on %s: %,d train / %,d test examples, backend %s%n",
                config.model(), trainer.parameterCount(), setup.dataName(), trainN, testN, chosen.name());
        stdout.printf(Locale.ROOT, "epochs %d, batch %d, %s lr %s, schedule %s, seed %d; output in %s%n",
                config.epochs(), config.batchSize(), config.optimizer(), config.lr(), config.schedule(), config.seed(), dir);
        TrainingTask task = trainer.task() instanceof DistributedTraining.Task d ? d.inner() : trainer.task();
        if (trainer.task() instanceof DistributedTraining.Task d) {
            stdout.println(d.describe());
        }
        printSummaries(task, config, setup.train(), stdout);
        trainer.checkpointEvery(checkpointEvery);
        Trainer.Result r;
        try (InterruptSignal ctrlC = InterruptSignal.install(trainer::requestStop);
             Autograd.Scope anomaly = detectAnomaly ? Autograd.detectAnomaly() : null) {
            r = trainer.fit(stopAfter);
        } catch (RunInterruptedException e) {
            stdout.flush();
            stderr.println("sinapsis: " + e.getMessage());
            return EXIT_INTERRUPTED;
        } catch (AnomalyException e) {
            Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
            throw new UserException(e.getMessage() + " \u2014 a numerical fault of this run: lower the learning rate"
                    + " (--lr), or keep that op's inputs in its domain" + (Files.isRegularFile(checkpoint)
                    ? "; " + checkpoint + " keeps the last saved state" : ""), e);
        } catch (TrainingDivergedException e) {
            throw new UserException(e.getMessage() + " \u2014 lower the learning rate (--lr), or rerun with"
                    + " --detect-anomaly to name the op that first produced a NaN or infinity", e);
        } finally {
            progress.stopped();
            if (trainer.task() instanceof DistributedTraining.Task d) {
                d.close();
            }
        }
        if (!(task instanceof ClassifierTask classifier)) {
            Generative.report(task, config, chosen, setup.dataName(), dir, r, trainN, stdout);
            return 0;
        }
        ConfusionMatrix confusion = classifier.confusion();
        stdout.println();
        stdout.printf(Locale.ROOT, "Test accuracy: %.4f (%,d/%,d)   test loss %.4f%n", r.testAccuracy(),
                Math.round(r.testAccuracy() * confusion.total()), confusion.total(), r.testLoss());
        stdout.println();
        stdout.println("Confusion matrix (rows: true class, columns: predicted):");
        stdout.print(confusion.toString());
        stdout.println();
        stdout.print(confusion.report());
        stdout.println();
        double auc = r.evaluation("auc");
        if (!Double.isNaN(auc)) {
            stdout.printf(Locale.ROOT, "ROC-AUC: %.4f%n%n", auc);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", config.model().kind());
        summary.put("backend", chosen.name());
        summary.put("dataset", setup.dataName());
        summary.put("epochs", r.history().size());
        summary.put("batch", config.batchSize());
        summary.put("optimizer", config.optimizer());
        summary.put("lr", config.lr());
        summary.put("seed", config.seed());
        summary.put("parameters", r.parameters());
        summary.put("train_examples", trainN);
        summary.put("test_examples", testN);
        summary.put("test_accuracy", round(r.testAccuracy(), 6));
        summary.put("test_loss", round(r.testLoss(), 6));
        summary.put("macro_f1", round(confusion.f1(ConfusionMatrix.Average.MACRO), 6));
        if (!Double.isNaN(auc)) {
            summary.put("roc_auc", round(auc, 6));
        }
        summary.put("train_seconds", round(r.trainSeconds(), 3));
        summary.put("samples_per_sec", round(r.samplesPerSec(), 1));
        summary.put("stopped_early", r.stoppedEarly());
        summary.put("out", dir.toString());
        String json = Json.write(summary);
        RunFiles.writeSummary(dir, json);
        List<String> plots = RunFiles.writePlots(dir, config.model().kind() + " on " + setup.dataName(), r.history());
        stdout.println("Wrote " + dir.resolve(Trainer.MODEL) + ", " + Trainer.CHECKPOINT + ", " + RunFiles.METRICS + ", "
                + RunFiles.SUMMARY + (plots.isEmpty() ? "" : ", " + String.join(", ", plots)));
        stdout.println(json);
        stdout.flush();
        return 0;
    }

    /**
     * Everything before training: chooses the backend, builds the settings from the options or
     * reads them from the {@code --resume} checkpoint, loads the data, and makes the trainer (resumed).
     *
     * @throws CheckpointException if the checkpoint to resume is missing, malformed or does not fit
     */
    Setup setup(ConsoleProgress progress) throws IOException {
        if (checkpointEvery < 0) {
            throw new UserException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
        Backend chosen = backend == null ? Backends.current() : Backends.use(backend);
        Path cacheRoot = Fetcher.cacheRoot(cache, System.getenv());
        RunConfig config;
        Path dir;
        TrainingData preloaded = null;
        if (resume != null) {
            config = readCheckpoint(resume.resolve(Trainer.CHECKPOINT), () -> Trainer.readConfig(resume));
            if (model != null && !model.name().equals(config.model().kind())) {
                throw new UserException("--resume " + resume + " holds a " + config.model().kind() + " run, not " + model);
            }
            rejectOnResume();
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
            dir = out == null ? resume : out;
            if (out != null && !out.equals(resume)) {
                throw new UserException("--out must be the --resume directory (or left out): the run continues in place");
            }
        } else {
            if (model == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "missing MODEL: mlp, cnn, lstm, gru, gan, dcgan"
                        + " or autoencoder");
            }
            if (Generative.handles(model.name())) {
                preloaded = TrainingData.load(data != null ? data : "embedded", cacheRoot); // the models take its shape
                config = Generative.newConfig(this, preloaded);
            } else {
                config = newConfig();
            }
            dir = out != null ? out : Path.of("runs", model + "-" + dataName(config.data()) + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        RunConfig settings = config;
        Path runDir = dir;
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
        Vocabulary vocab = resume != null && settings.model() instanceof SequenceModelSpec
                ? SequenceClassifierTask.vocabulary(checkpoint, SafeTensors.read(checkpoint).metadata()) : null;
        TrainingData images = preloaded;
        Map<String, String> savedMeta = resume == null ? null : Trainer.readMetadata(resume);
        RunData td = readCheckpoint(checkpoint, () -> Generative.handles(settings.model().kind())
                ? Generative.runData(this, settings, savedMeta, images != null ? images
                        : CheckpointChecks.trainedData(checkpoint, settings.data(), () -> TrainingData.load(
                                settings.data(), cacheRoot)), progress)
                : resume == null ? RunData.load(settings, cacheRoot, null)
                : CheckpointChecks.trainedData(checkpoint, settings.data(), () -> RunData.load(settings, cacheRoot,
                        vocab)));
        // outside readCheckpoint: a --spark error is not the checkpoint's
        TrainingTask task = spark.wrap(settings, td.task(), settings.trainLimit() > 0
                && settings.trainLimit() < td.train().size() ? td.train().subset(0, settings.trainLimit()) : td.train());
        Trainer trainer;
        try {
            trainer = readCheckpoint(checkpoint, () -> {
                Trainer t = new Trainer(settings, task, td.train(), td.test(), runDir, progress);
                if (resume != null) {
                    t.resume();
                    SafeTensors.Contents saved = SafeTensors.read(checkpoint); // the optimizer state too
                    try {
                        CheckpointChecks.requireFinite(checkpoint, saved.tensors());
                    } finally {
                        saved.tensors().values().forEach(Tensor::close);
                    }
                }
                return t;
            });
        } catch (IOException | RuntimeException e) {
            if (task instanceof DistributedTraining.Task d) {
                d.close(); // the cluster's context
            }
            throw e;
        }
        int trainN = config.trainLimit() > 0 ? Math.min(config.trainLimit(), td.train().size()) : td.train().size();
        int testN = config.testLimit() > 0 ? Math.min(config.testLimit(), td.test().size()) : td.test().size();
        return new Setup(chosen, config, td.name(), trainN, testN, dir, trainer, td.train());
    }

    /**
     * Keras's {@code model.summary()} of each module the task trains (each layer's output shape and
     * parameters), fed one training example; a GAN's generator is fed one latent vector.
     */
    private static void printSummaries(TrainingTask task, RunConfig config, Dataset train, PrintStream stdout) {
        Map<String, dev.sinapsis.nn.Module> modules = task.modules();
        for (Map.Entry<String, dev.sinapsis.nn.Module> e : modules.entrySet()) {
            if (modules.size() > 1) {
                stdout.println(e.getKey() + ":");
            }
            boolean generator = config.model() instanceof GanSpec gan && e.getKey().equals("generator");
            stdout.print(generator ? e.getValue().summary(1, ((GanSpec) config.model()).latent())
                    : Summaries.of(e.getValue(), train));
        }
    }

    /** Work that reads settings from a checkpoint (or builds a model from them). */
    private interface CheckpointRead<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code read}; an invalid setting found while doing so is a fault of the checkpoint
     * {@code file} (the settings came from it), reported as a CheckpointException naming it.
     */
    private <T> T readCheckpoint(Path file, CheckpointRead<T> read) throws IOException {
        try {
            return read.run();
        } catch (ConfigException e) {
            if (resume == null) {
                throw e; // the settings came from the command line
            }
            throw new CheckpointException(file, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (resume == null) {
                throw e;
            }
            // Trainer.resume parses its own metadata values (step, epoch, history rows)
            throw new CheckpointException(file, "invalid metadata: " + e.getMessage(), e);
        }
    }

    /** Whether the checkpoint in {@code dir} is a text model's (false if it cannot be read: setup reports that). */
    private static boolean isText(Path dir) {
        try {
            return Trainer.readConfig(dir).model() instanceof SequenceModelSpec;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void rejectOnResume() {
        if (batch != null || lr != null || optimizer != null || schedule != null || weightDecay != null || patience != null
                || seed != null || data != null || hidden != null || activation != null || dropout != null
                || trainLimit != null || testLimit != null || text.any() || generative.any()) {
            throw new UserException("--resume continues a run with its own settings; only --epochs, --backend, --cache, --spark,"
                    + " --out, --checkpoint-every and --detect-anomaly may be given with it");
        }
    }

    private RunConfig newConfig() {
        generative.rejectUnless(model.name(), false, false);
        String source = data != null ? data : "embedded";
        boolean textModel = model == Model.lstm || model == Model.gru;
        ModelConfig m;
        if (textModel) {
            if (activation != null) {
                throw new UserException("--activation is for mlp; " + model + " has its own gates");
            }
            m = text.spec(model.name(), source, hidden, dropout);
        } else {
            if (text.any()) {
                throw new UserException(TextOptions.names() + " are for lstm and gru, not " + model);
            }
            ModelSpec defaults = ModelSpec.defaults(model.name());
            m = new ModelSpec(model.name(), hidden != null ? hidden : defaults.hidden(),
                    activation != null ? activation : defaults.activation(), dropout != null ? dropout : defaults.dropout());
        }
        String opt = optimizer != null ? optimizer.toLowerCase(Locale.ROOT) : "adam";
        boolean fullImdb = source.equals("imdb");
        double rate = lr != null ? lr : opt.equals("sgd") ? 0.05 : model == Model.mlp ? 1e-3
                : textModel && !fullImdb ? 3e-3 : 2e-3;
        double wd = weightDecay != null ? weightDecay : opt.equals("adamw") ? 0.01 : 0;
        int ep = epochs != null ? epochs : switch (model) {
            case cnn -> 4;
            case mlp -> 10;
            default -> fullImdb ? 4 : 6;
        };
        int size = batch != null ? batch : textModel && !fullImdb ? 32 : 64;
        return new RunConfig(m, source, ep, size, rate, opt, wd,
                schedule != null ? schedule.toLowerCase(Locale.ROOT) : "cosine", patience != null ? patience : 0,
                seed != null ? seed : 42, trainLimit != null ? trainLimit : 0, testLimit != null ? testLimit : 0);
    }

    private static String dataName(String data) {
        Path p = Path.of(data).getFileName();
        return p == null ? "data" : p.toString();
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
