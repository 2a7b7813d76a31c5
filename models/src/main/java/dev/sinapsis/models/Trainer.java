package dev.sinapsis.models;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.data.Batch;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.metrics.ConfusionMatrix;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.AdamW;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.SGD;
import dev.sinapsis.optim.schedule.CosineAnnealingLR;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.optim.schedule.StepLR;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains any classifier {@link Module} with cross-entropy: epochs of shuffled batches, an
 * optimizer and learning-rate schedule, evaluation on the test split after every epoch, early
 * stopping on the test loss, and a checkpoint after every epoch from which {@link #resume}
 * continues exactly where the run stopped.
 *
 * <p>Exact resumption: the batch order of an epoch depends only on {@code (seed, epoch)}; the
 * initial weights come from {@code Generator(seed)} and the dropout masks from a generator of
 * their own whose counter offset is saved in the checkpoint; the optimizer's state (moments,
 * step counts, learning rates) is saved with the weights. A run interrupted after any epoch and
 * resumed therefore ends with the same weights as an uninterrupted one.
 *
 * <p>Files in the output directory: {@value #CHECKPOINT} (model + optimizer + trainer state),
 * {@value #MODEL} (the weights alone, with the model spec in its metadata, for {@code eval}),
 * and the {@link RunFiles}.
 */
public final class Trainer {
    /** The resumable checkpoint, rewritten (atomically) after every epoch. */
    public static final String CHECKPOINT = "checkpoint.safetensors";
    /** The trained weights with the model's spec, for evaluation and export. */
    public static final String MODEL = "model.safetensors";

    private static final String EPOCH = "sinapsis.epoch";
    private static final String STEP = "sinapsis.step";
    private static final String DROPOUT_SEED = "sinapsis.rng.dropout.seed";
    private static final String DROPOUT_OFFSET = "sinapsis.rng.dropout.offset";
    private static final String BEST = "sinapsis.early_stopping.best";
    private static final String WAIT = "sinapsis.early_stopping.wait";
    private static final String SECONDS = "sinapsis.train_seconds";
    private static final String TRAIN_SAMPLES = "sinapsis.train_samples";
    private static final String TRAIN_ONLY_SECONDS = "sinapsis.train_only_seconds";
    private static final String HISTORY = "sinapsis.history";

    private final RunConfig config;
    private final Dataset train;
    private final Dataset test;
    private final Path outDir;
    private final TrainingListener listener;
    private final Module model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final Generator dropoutGen;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final List<EpochStats> history = new ArrayList<>();
    private int epochsDone;
    private long step;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private double seconds;
    private double trainOnlySeconds;
    private long trainSamples;
    private ConfusionMatrix lastConfusion;

    /** What a finished run measured. */
    public record Result(Module model, List<EpochStats> history, ConfusionMatrix confusion, double testLoss,
                         double testAccuracy, double trainSeconds, double samplesPerSec, boolean stoppedEarly,
                         long parameters) {
    }

    /**
     * A new run of {@code config} on {@code train}/{@code test} (the config's limits are applied
     * here), writing into {@code outDir}. The model is {@code config.model()}, initialised from
     * {@code Generator(seed)}, with dropout masks from a generator of its own.
     */
    public Trainer(RunConfig config, Dataset train, Dataset test, Path outDir, TrainingListener listener) {
        this(config, null, null, train, test, outDir, listener);
    }

    /**
     * A new run training {@code model} (any classifier mapping a batch of {@code train}'s inputs to
     * {@code [N, classes]} logits). {@code dropoutGen} must be the generator of the model's random
     * layers (its offset is checkpointed for exact resumption; null if it has none);
     * {@code config.model()} is then only recorded in the checkpoint's metadata.
     */
    public Trainer(RunConfig config, Module model, Generator dropoutGen, Dataset train, Dataset test, Path outDir,
                   TrainingListener listener) {
        this.config = config;
        this.train = limit(train, config.trainLimit());
        this.test = limit(test, config.testLimit());
        this.outDir = outDir;
        this.listener = listener == null ? new TrainingListener() { } : listener;
        if (model == null) {
            Shape in = this.train.inputShape();
            if (in.rank() != 3) {
                throw new IllegalArgumentException("the models take images [channels, height, width], got examples"
                        + " of shape " + in);
            }
            this.dropoutGen = new Generator(config.seed() ^ 0x0D50_D50D_0D50L);
            this.model = config.model().build(in.dim(0), in.dim(1), in.dim(2), this.train.numClasses(),
                    new Generator(config.seed()), this.dropoutGen);
        } else {
            this.dropoutGen = dropoutGen != null ? dropoutGen : new Generator(config.seed() ^ 0x0D50_D50D_0D50L);
            this.model = model;
        }
        this.optimizer = optimizer(config, this.model.parameters());
        this.scheduler = switch (config.schedule()) {
            case "cosine" -> new CosineAnnealingLR(optimizer, config.epochs(), 0);
            case "step" -> new StepLR(optimizer, Math.max(1, config.epochs() / 3), 0.1);
            default -> null;
        };
        this.trainLoader = DataLoader.builder(this.train).batchSize(config.batchSize()).shuffle(true)
                .seed(config.seed()).build();
        this.testLoader = DataLoader.builder(this.test).batchSize(Math.max(500, config.batchSize())).build();
    }

    private static Dataset limit(Dataset d, int n) {
        return n > 0 && n < d.size() ? d.subset(0, n) : d;
    }

    private static Optimizer optimizer(RunConfig c, List<Tensor> params) {
        return switch (c.optimizer()) {
            case "sgd" -> SGD.builder(params).lr(c.lr()).momentum(0.9).weightDecay(c.weightDecay()).build();
            case "adam" -> Adam.builder(params).lr(c.lr()).weightDecay(c.weightDecay()).build();
            case "adamw" -> AdamW.builder(params).lr(c.lr()).weightDecay(c.weightDecay()).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + c.optimizer() + "'");
        };
    }

    /** The model being trained. */
    public Module model() {
        return model;
    }

    /** The run's configuration. */
    public RunConfig config() {
        return config;
    }

    /** Epochs completed so far. */
    public int epochsDone() {
        return epochsDone;
    }

    /** The configuration stored in the checkpoint of {@code dir}. */
    public static RunConfig readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "no checkpoint here; --resume takes the --out directory of an"
                    + " earlier run of sinapsis train");
        }
        return RunConfig.fromMetadata(SafeTensors.read(file).metadata());
    }

    /**
     * Loads the checkpoint in {@code outDir} into this trainer (which must have been made with the
     * configuration stored there, except possibly more epochs) so {@link #fit()} continues it.
     */
    public void resume() throws IOException {
        Path file = outDir.resolve(CHECKPOINT);
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        RunConfig saved = RunConfig.fromMetadata(meta);
        if (!saved.withEpochs(config.epochs()).equals(config)) {
            throw new CheckpointException(file, "was written by a run configured differently: " + saved
                    + " (this run: " + config + ")");
        }
        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith("model.")) {
                modelState.put(e.getKey().substring(6), e.getValue());
            } else if (e.getKey().startsWith("optimizer.")) {
                optimizerState.put(e.getKey().substring(10), e.getValue());
            }
        }
        try {
            model.loadStateDict(modelState);
            optimizer.loadStateDict(optimizerState);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "does not fit the model: " + e.getMessage(), e);
        }
        epochsDone = Integer.parseInt(ModelSpec.require(meta, EPOCH));
        step = Long.parseLong(ModelSpec.require(meta, STEP));
        long dropoutSeed = Long.parseLong(ModelSpec.require(meta, DROPOUT_SEED));
        if (dropoutSeed != dropoutGen.seed()) {
            throw new CheckpointException(file, "dropout seed " + dropoutSeed + " differs from this run's");
        }
        long offset = Long.parseLong(ModelSpec.require(meta, DROPOUT_OFFSET));
        dropoutGen.reserve(offset - dropoutGen.offset());
        best = Double.parseDouble(ModelSpec.require(meta, BEST));
        wait = Integer.parseInt(ModelSpec.require(meta, WAIT));
        seconds = Double.parseDouble(ModelSpec.require(meta, SECONDS));
        trainOnlySeconds = Double.parseDouble(ModelSpec.require(meta, TRAIN_ONLY_SECONDS));
        trainSamples = Long.parseLong(ModelSpec.require(meta, TRAIN_SAMPLES));
        history.clear();
        String h = meta.getOrDefault(HISTORY, "");
        for (String row : h.split(";")) {
            if (!row.isBlank()) {
                history.add(EpochStats.fromCsv(row));
            }
        }
        if (scheduler != null) {
            for (int e = 0; e < epochsDone; e++) {
                scheduler.step();
            }
        }
        listener.message("Resuming " + outDir + " after epoch " + epochsDone + " of " + config.epochs()
                + " (step " + step + ")");
    }

    /** Trains the remaining epochs; returns the final evaluation. */
    public Result fit() throws IOException {
        return fit(Integer.MAX_VALUE);
    }

    /**
     * Trains at most {@code maxEpochs} of the remaining epochs (as if the process were stopped
     * after them: the checkpoint lets {@link #resume} continue); returns the last evaluation.
     */
    public Result fit(int maxEpochs) throws IOException {
        Files.createDirectories(outDir);
        boolean stoppedEarly = config.patience() > 0 && wait >= config.patience();
        int run = 0;
        while (epochsDone < config.epochs() && !stoppedEarly && run++ < maxEpochs) {
            long start = System.nanoTime();
            EpochStats stats = runEpoch(epochsDone);
            epochsDone++;
            history.add(stats);
            if (stats.evalLoss() < best - 1e-4) {
                best = stats.evalLoss();
                wait = 0;
            } else {
                wait++;
            }
            stoppedEarly = config.patience() > 0 && wait >= config.patience() && epochsDone < config.epochs();
            if (scheduler != null) {
                scheduler.step();
            }
            seconds += (System.nanoTime() - start) / 1e9;
            save();
            listener.epochDone(stats, config.epochs());
            if (stoppedEarly) {
                listener.message("Early stopping: the test loss has not improved for " + wait + " epoch(s); best "
                        + String.format(java.util.Locale.ROOT, "%.4f", best));
            }
        }
        if (lastConfusion == null) {
            lastConfusion = evaluate().confusion;
        }
        double testLoss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).evalLoss();
        return new Result(model, List.copyOf(history), lastConfusion, testLoss, lastConfusion.accuracy(), seconds,
                trainOnlySeconds > 0 ? trainSamples / trainOnlySeconds : 0, stoppedEarly, model.parameterCount());
    }

    private EpochStats runEpoch(int epoch) {
        double lr = optimizer.learningRate();
        model.train();
        int samples = train.size();
        listener.epochStarted(epoch + 1, config.epochs(), trainLoader.batchesPerEpoch(), samples);
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        for (Batch b : trainLoader.epoch(epoch)) {
            // every intermediate of the step returns to the backend when the scope closes
            try (b; MemoryScope stepScope = MemoryScope.open()) {
                Tensor logits = model.forward(b.inputs());
                Tensor loss = Losses.crossEntropy(logits, b.targets());
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                step++;
                int n = b.size();
                double l = loss.item();
                if (!Double.isFinite(l)) {
                    throw new IllegalArgumentException("the loss became " + l + " at epoch " + (epoch + 1) + ", step "
                            + step + "; lower the learning rate (--lr)");
                }
                lossSum += l * n;
                try (var ignored = Autograd.noGrad()) {
                    correct += (long) logits.argmax(1, false).eq(b.targets()).sum().item();
                }
                seen += n;
                double elapsed = (System.nanoTime() - start) / 1e9;
                listener.batchDone(seen, lossSum / seen, (double) correct / seen, seen / Math.max(elapsed, 1e-9));
            }
        }
        double trainTime = (System.nanoTime() - start) / 1e9;
        trainOnlySeconds += trainTime;
        trainSamples += seen;
        Evaluation ev = evaluate();
        lastConfusion = ev.confusion;
        return new EpochStats(epoch + 1, lr, lossSum / seen, (double) correct / seen, ev.loss, ev.confusion.accuracy(),
                trainTime, seen / trainTime);
    }

    private record Evaluation(double loss, ConfusionMatrix confusion) {
    }

    private Evaluation evaluate() {
        double[] loss = new double[1];
        ConfusionMatrix cm = evaluate(model, test, testLoader.batchSize(), loss);
        model.train();
        return new Evaluation(loss[0], cm);
    }

    /** Evaluates {@code model} on {@code data}: mean loss and confusion matrix. */
    public static ConfusionMatrix evaluate(Module model, Dataset data, int batchSize, double[] meanLoss) {
        model.eval();
        DataLoader loader = DataLoader.builder(data).batchSize(batchSize).build();
        ConfusionMatrix cm = new ConfusionMatrix(data.numClasses());
        double lossSum = 0;
        int seen = 0;
        try (var ignored = Autograd.noGrad()) {
            for (Batch b : loader.epoch(0)) {
                try (b; MemoryScope batchScope = MemoryScope.open()) {
                    Tensor logits = model.forward(b.inputs());
                    lossSum += Losses.crossEntropy(logits, b.targets()).item() * b.size();
                    cm.add(logits, b.targets());
                    seen += b.size();
                }
            }
        }
        if (meanLoss != null && meanLoss.length > 0) {
            meanLoss[0] = seen == 0 ? Double.NaN : lossSum / seen;
        }
        return cm;
    }

    private void save() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(config.toMetadata());
        meta.put("format", "pt");
        meta.put(EPOCH, Integer.toString(epochsDone));
        meta.put(STEP, Long.toString(step));
        meta.put(DROPOUT_SEED, Long.toString(dropoutGen.seed()));
        meta.put(DROPOUT_OFFSET, Long.toString(dropoutGen.offset()));
        meta.put(BEST, Double.toString(best));
        meta.put(WAIT, Integer.toString(wait));
        meta.put(SECONDS, Double.toString(seconds));
        meta.put(TRAIN_ONLY_SECONDS, Double.toString(trainOnlySeconds));
        meta.put(TRAIN_SAMPLES, Long.toString(trainSamples));
        StringBuilder h = new StringBuilder();
        for (EpochStats e : history) {
            h.append(h.length() == 0 ? "" : ";").append(e.toCsv());
        }
        meta.put(HISTORY, h.toString());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        SafeTensors.write(outDir.resolve(CHECKPOINT), tensors, meta);
        Map<String, String> modelMeta = new LinkedHashMap<>(config.toMetadata());
        modelMeta.put("format", "pt");
        modelMeta.put(EPOCH, Integer.toString(epochsDone));
        SafeTensors.write(outDir.resolve(MODEL), model.stateDict(), modelMeta);
        RunFiles.writeMetrics(outDir, history);
    }
}
