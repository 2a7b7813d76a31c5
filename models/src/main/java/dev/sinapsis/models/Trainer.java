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
import java.util.List;

/**
 * Trains any classifier {@link Module} with cross-entropy: epochs of shuffled batches, an
 * optimizer and learning-rate schedule, evaluation on the test split after every epoch, early
 * stopping on the test loss, and checkpoints (after every epoch, every {@link #checkpointEvery}
 * steps, and when {@link #requestStop()} is called) from which {@link #resume} continues exactly
 * where the run stopped.
 *
 * <p>Exact resumption: the batch order of an epoch depends only on {@code (seed, epoch)}, so a
 * run resumed from a mid-epoch checkpoint skips the batches already trained; the initial weights
 * come from {@code Generator(seed)} and the dropout masks from a generator of their own whose
 * counter offset is saved; the optimizer's state (moments, step counts, learning rates) is saved
 * with the weights, and the running statistics of the epoch in progress with the trainer's
 * counters. A run interrupted at any checkpoint and resumed therefore ends with the same weights
 * and the same per-epoch figures (timings aside) as an uninterrupted one.
 *
 * <p>Numerical faults: a non-finite training loss stops the run before its backward pass and
 * update, a non-finite test loss stops it before the epoch is saved, and non-finite weights are
 * never saved, each with a {@link TrainingDivergedException}; the checkpoint keeps the last finite
 * state.
 *
 * <p>Files: see {@link RunDirectory}. The checkpoint is the single source of truth, replaced
 * atomically; {@value #MODEL} and {@code metrics.csv} are derived from it and stamped with its
 * step, so a crash at any moment leaves a consistent, resumable directory.
 */
public final class Trainer {
    /** The resumable checkpoint, the run's source of truth (see {@link RunDirectory}). */
    public static final String CHECKPOINT = RunDirectory.CHECKPOINT;
    /** The trained weights with the model's spec, for evaluation and export. */
    public static final String MODEL = RunDirectory.MODEL;

    private final RunConfig config;
    private final Dataset train;
    private final Dataset test;
    private final RunDirectory files;
    private final TrainingListener listener;
    private final Module model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final Generator dropoutGen;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final TrainingState state = new TrainingState();
    private final RunCheckpoint checkpoint;
    private int checkpointEvery;
    private volatile boolean stopRequested;
    private long fitStart;
    private double secondsBeforeFit;
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
        this.files = new RunDirectory(outDir);
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
        this.checkpoint = new RunCheckpoint(config, files, this.model, optimizer, this.dropoutGen, state);
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
        return state.epochsDone;
    }

    /** Optimizer steps taken so far. */
    public long step() {
        return state.step;
    }

    /**
     * Also saves a checkpoint every {@code steps} optimizer steps (counted over the whole run), not
     * only at the end of each epoch; 0 (the default) saves at epoch ends only. Does not change
     * what the run computes. Returns this.
     */
    public Trainer checkpointEvery(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + steps);
        }
        this.checkpointEvery = steps;
        return this;
    }

    /**
     * Asks a running {@link #fit} (from any thread, e.g. a signal handler) to stop after the
     * current step: it saves a checkpoint of the exact state and throws
     * {@link RunInterruptedException}.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** The configuration stored in the checkpoint of {@code dir}. */
    public static RunConfig readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "no checkpoint here; --resume takes the --out directory of an"
                    + " earlier run of sinapsis train");
        }
        try {
            return RunConfig.fromMetadata(SafeTensors.read(file).metadata());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, e.getMessage(), e);
        }
    }

    /**
     * Loads the checkpoint in the output directory into this trainer (which must have been made
     * with the configuration stored there, except possibly more epochs) so {@link #fit()}
     * continues it, at the epoch boundary or mid-epoch step where it was saved. Also re-derives the
     * model file and metrics from the checkpoint, in case a crash left them a save behind.
     */
    public void resume() throws IOException {
        checkpoint.load(trainLoader.batchesPerEpoch());
        if (scheduler != null) {
            for (int e = 0; e < state.epochsDone; e++) {
                scheduler.step();
            }
        }
        listener.message("Resuming " + files.dir() + (state.midEpoch()
                ? " in epoch " + (state.epochsDone + 1) + " of " + config.epochs() + " after batch " + state.batchesDone
                + " of " + trainLoader.batchesPerEpoch()
                : " after epoch " + state.epochsDone + " of " + config.epochs()) + " (step " + state.step + ")");
    }

    /** Trains the remaining epochs; returns the final evaluation. */
    public Result fit() throws IOException {
        return fit(Integer.MAX_VALUE);
    }

    /**
     * Trains at most {@code maxEpochs} of the remaining epochs (as if the process were stopped
     * after them: the checkpoint lets {@link #resume} continue); returns the last evaluation.
     *
     * @throws TrainingDivergedException if the training or test loss, or the weights, became
     *     non-finite; the checkpoint keeps the last finite state
     * @throws RunInterruptedException after {@link #requestStop()}, once the checkpoint is saved
     */
    public Result fit(int maxEpochs) throws IOException {
        Files.createDirectories(files.dir());
        files.removeStaleTemporaries();
        fitStart = System.nanoTime();
        secondsBeforeFit = state.seconds;
        boolean stoppedEarly = config.patience() > 0 && state.wait >= config.patience();
        int run = 0;
        while (state.epochsDone < config.epochs() && !stoppedEarly && run++ < maxEpochs) {
            EpochStats stats = runEpoch(state.epochsDone);
            if (!Double.isFinite(stats.evalLoss())) {
                throw new TrainingDivergedException("the test loss became " + stats.evalLoss() + " after epoch "
                        + stats.epoch() + " (step " + state.step + ")" + checkpoint.kept());
            }
            state.epochsDone++;
            state.startNextEpoch();
            state.history.add(stats);
            if (stats.evalLoss() < state.best - 1e-4) {
                state.best = stats.evalLoss();
                state.wait = 0;
            } else {
                state.wait++;
            }
            stoppedEarly = config.patience() > 0 && state.wait >= config.patience() && state.epochsDone < config.epochs();
            if (scheduler != null) {
                scheduler.step();
            }
            save();
            listener.epochDone(stats, config.epochs());
            if (stoppedEarly) {
                listener.message("Early stopping: the test loss has not improved for " + state.wait + " epoch(s); best "
                        + String.format(java.util.Locale.ROOT, "%.4f", state.best));
            }
            if (stopRequested) {
                throw interrupted();
            }
        }
        if (lastConfusion == null) {
            lastConfusion = evaluate().confusion;
        }
        List<EpochStats> history = state.history;
        double testLoss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).evalLoss();
        return new Result(model, List.copyOf(history), lastConfusion, testLoss, lastConfusion.accuracy(), state.seconds,
                state.trainOnlySeconds > 0 ? state.trainSamples / state.trainOnlySeconds : 0, stoppedEarly,
                model.parameterCount());
    }

    /**
     * The examples of an epoch still to train on after a mid-epoch checkpoint, in the epoch's own
     * order: batching them unshuffled gives exactly the batches the interrupted epoch had left.
     */
    private Dataset remainder(int[] order, int done) {
        return train.select(java.util.Arrays.copyOfRange(order, Math.min(done, order.length), order.length));
    }

    private EpochStats runEpoch(int epoch) throws IOException {
        double lr = optimizer.learningRate();
        model.train();
        int batches = trainLoader.batchesPerEpoch();
        listener.epochStarted(epoch + 1, config.epochs(), batches, train.size());
        Iterable<Batch> remaining = state.midEpoch()
                ? DataLoader.builder(remainder(trainLoader.order(epoch), state.batchesDone * config.batchSize()))
                        .batchSize(config.batchSize()).build().epoch(0)
                : trainLoader.epoch(epoch);
        long start = System.nanoTime();
        double before = state.epochTrainSeconds;
        for (Batch b : remaining) {
            // every intermediate of the step returns to the backend when the scope closes
            try (b; MemoryScope stepScope = MemoryScope.open()) {
                Tensor logits = model.forward(b.inputs());
                Tensor loss = Losses.crossEntropy(logits, b.targets());
                double l = loss.item();
                if (!Double.isFinite(l)) {
                    throw new TrainingDivergedException("the loss became " + l + " at epoch " + (epoch + 1) + ", step "
                            + (state.step + 1) + " (the step was not applied)" + checkpoint.kept());
                }
                optimizer.zeroGrad();
                loss.backward();
                optimizer.step();
                state.step++;
                state.batchesDone++;
                int n = b.size();
                state.lossSum += l * n;
                try (var ignored = Autograd.noGrad()) {
                    state.correct += (long) logits.argmax(1, false).eq(b.targets()).sum().item();
                }
                state.seen += n;
                state.epochTrainSeconds = before + (System.nanoTime() - start) / 1e9;
                listener.batchDone(state.seen, state.lossSum / state.seen, (double) state.correct / state.seen,
                        state.seen / Math.max(state.epochTrainSeconds, 1e-9));
            }
            boolean stop = stopRequested;
            if (stop || checkpointEvery > 0 && state.step % checkpointEvery == 0 && state.batchesDone < batches) {
                long saveStart = System.nanoTime();
                save();
                if (stop) {
                    throw interrupted();
                }
                start += System.nanoTime() - saveStart; // the epoch's training time leaves the saves out
            }
        }
        double trainTime = state.epochTrainSeconds;
        int seen = state.seen;
        state.trainOnlySeconds += trainTime;
        state.trainSamples += seen;
        Evaluation ev = evaluate();
        lastConfusion = ev.confusion;
        return new EpochStats(epoch + 1, lr, state.lossSum / seen, (double) state.correct / seen, ev.loss,
                ev.confusion.accuracy(), trainTime, seen / trainTime);
    }

    private RunInterruptedException interrupted() {
        stopRequested = false;
        return new RunInterruptedException(state.midEpoch() ? state.epochsDone + 1 : state.epochsDone, state.step,
                files.dir());
    }

    private record Evaluation(double loss, ConfusionMatrix confusion) {
    }

    private Evaluation evaluate() {
        double[] loss = new double[1];
        ConfusionMatrix cm = evaluate(model, test, testLoader.batchSize(), loss, true);
        model.train();
        return new Evaluation(loss[0], cm);
    }

    /** Evaluates {@code model} on {@code data}: mean loss and confusion matrix. */
    public static ConfusionMatrix evaluate(Module model, Dataset data, int batchSize, double[] meanLoss) {
        return evaluate(model, data, batchSize, meanLoss, false);
    }

    /** {@code stopAtNonFinite}: a batch with a non-finite loss ends the evaluation with that loss. */
    private static ConfusionMatrix evaluate(Module model, Dataset data, int batchSize, double[] meanLoss,
                                            boolean stopAtNonFinite) {
        model.eval();
        DataLoader loader = DataLoader.builder(data).batchSize(batchSize).build();
        ConfusionMatrix cm = new ConfusionMatrix(data.numClasses());
        double lossSum = 0;
        int seen = 0;
        try (var ignored = Autograd.noGrad()) {
            for (Batch b : loader.epoch(0)) {
                try (b; MemoryScope batchScope = MemoryScope.open()) {
                    Tensor logits = model.forward(b.inputs());
                    double loss = Losses.crossEntropy(logits, b.targets()).item();
                    if (stopAtNonFinite && !Double.isFinite(loss)) {
                        lossSum = loss;
                        seen = 1;
                        break;
                    }
                    lossSum += loss * b.size();
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

    /** Saves the checkpoint and the files derived from it (see {@link RunCheckpoint#save}). */
    private void save() throws IOException {
        state.seconds = secondsBeforeFit + (System.nanoTime() - fitStart) / 1e9;
        checkpoint.save();
    }
}
