package dev.sinapsis.models;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.data.Batch;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.nn.Module;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training loop, written once for every model: drives a {@link TrainingTask} (a classifier, a
 * sequence classifier, a GAN...) through epochs of seeded batches, one {@link MemoryScope} per
 * step, evaluation after every epoch, early stopping on the task's monitored figure, and
 * checkpoints (after every epoch, every {@link #checkpointEvery} steps, and when
 * {@link #requestStop()} is called) from which {@link #resume} continues exactly where the run
 * stopped.
 *
 * <p>Exact resumption: the batches of an epoch depend only on {@code (seed, epoch)}, so a run
 * resumed from a mid-epoch checkpoint skips the batches already trained; the checkpoint holds
 * every module, every optimizer's state (moments, step counts, learning rates), every generator's
 * counter the task names, and the running sums of the epoch in progress with the trainer's
 * counters. A run interrupted at any checkpoint and resumed therefore ends with the same weights
 * and the same per-epoch figures (timings aside) as an uninterrupted one.
 *
 * <p>Numerical faults: a non-finite training loss stops the run before its backward pass and
 * update ({@link StepContext#requireFinite}), a non-finite test figure stops it before the epoch
 * is saved, and non-finite weights are never saved, each with a {@link TrainingDivergedException};
 * the checkpoint keeps the last finite state.
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
    private final TrainingTask task;
    private final Dataset train;
    private final Dataset test;
    private final RunDirectory files;
    private final TrainingListener listener;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final TrainingState state;
    private final RunCheckpoint checkpoint;
    private int checkpointEvery;
    private volatile boolean stopRequested;
    private long fitStart;
    private double secondsBeforeFit;
    private Map<String, Double> lastEvaluation;

    /**
     * What a finished run measured.
     *
     * @param history       every epoch's figures
     * @param evaluation    the last evaluation's figures ({@code loss}, {@code accuracy}, ...: the task's names)
     * @param trainSeconds  wall time of the whole run (all invocations)
     * @param samplesPerSec training examples per second of training time
     * @param stoppedEarly  whether early stopping ended the run
     * @param parameters    the task's modules' parameter count
     */
    public record Result(List<EpochStats> history, Map<String, Double> evaluation, double trainSeconds,
                         double samplesPerSec, boolean stoppedEarly, long parameters) {
        /** The last evaluation's figure {@code name}, NaN if it has none. */
        public double evaluation(String name) {
            return evaluation.getOrDefault(name, Double.NaN);
        }

        /** The last evaluation's loss. */
        public double testLoss() {
            return evaluation("loss");
        }

        /** The last evaluation's accuracy. */
        public double testAccuracy() {
            return evaluation("accuracy");
        }
    }

    /**
     * A new run of the classifier {@code config.model()} on {@code train}/{@code test} (see
     * {@link ClassifierTask#create}), writing into {@code outDir}.
     */
    public Trainer(RunConfig config, Dataset train, Dataset test, Path outDir, TrainingListener listener) {
        this(config, ClassifierTask.create(config, train), train, test, outDir, listener);
    }

    /**
     * A new run training the classifier {@code model} (any module mapping a batch of
     * {@code train}'s inputs to {@code [N, classes]} logits). {@code dropoutGen} must be the
     * generator of the model's random layers (null if it has none); {@code config.model()} is then
     * only recorded in the checkpoint's metadata.
     */
    public Trainer(RunConfig config, Module model, Generator dropoutGen, Dataset train, Dataset test, Path outDir,
                   TrainingListener listener) {
        this(config, new ClassifierTask(config, model, dropoutGen != null ? dropoutGen
                : new Generator(ClassifierTask.dropoutSeed(config.seed())), train.numClasses()), train, test, outDir,
                listener);
    }

    /**
     * A new run of {@code task} on {@code train} and {@code test} (null: no evaluation), with the
     * epochs, batch size, seed, patience and limits of {@code config}, writing into {@code outDir}.
     *
     * @throws ConfigException if {@code --patience} is asked of a task that monitors no figure
     */
    public Trainer(RunConfig config, TrainingTask task, Dataset train, Dataset test, Path outDir,
                   TrainingListener listener) {
        this.config = config;
        this.task = task;
        this.train = limit(train, config.trainLimit());
        this.test = test == null || task.evaluationFigures().isEmpty() ? null : limit(test, config.testLimit());
        this.files = new RunDirectory(outDir);
        this.listener = listener == null ? new TrainingListener() { } : listener;
        if (config.patience() > 0 && (task.monitor() == null || this.test == null)) {
            throw new ConfigException("--patience needs a figure to watch; this run evaluates none");
        }
        this.trainLoader = DataLoader.builder(this.train).batchSize(config.batchSize()).shuffle(true)
                .seed(config.seed()).sampler(task.trainingSampler(this.train, config.batchSize(), config.seed())).build();
        int evalBatch = task.evaluationBatchSize(config.batchSize());
        this.testLoader = this.test == null ? null : DataLoader.builder(this.test).batchSize(evalBatch)
                .sampler(task.evaluationSampler(this.test, evalBatch)).build();
        List<String> columns = new ArrayList<>();
        task.trainingFigures().forEach(f -> columns.add("train_" + f));
        if (this.test != null) {
            task.evaluationFigures().forEach(f -> columns.add("eval_" + f));
        }
        this.state = new TrainingState(task.trainingFigures(), columns);
        this.checkpoint = new RunCheckpoint(config, files, task, state);
    }

    private static Dataset limit(Dataset d, int n) {
        return n > 0 && n < d.size() ? d.subset(0, n) : d;
    }

    /** The task being trained. */
    public TrainingTask task() {
        return task;
    }

    /** The run's configuration. */
    public RunConfig config() {
        return config;
    }

    /** The parameters of the task's modules. */
    public long parameterCount() {
        return task.modules().values().stream().mapToLong(Module::parameterCount).sum();
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

    /** The metadata of the checkpoint in run directory {@code dir}. */
    public static Map<String, String> readMetadata(Path dir) throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "no checkpoint here; --resume takes the --out directory of an"
                    + " earlier run of sinapsis train");
        }
        return SafeTensors.read(file).metadata();
    }

    /** The configuration stored in the checkpoint of {@code dir}. */
    public static RunConfig readConfig(Path dir) throws IOException {
        Map<String, String> meta = readMetadata(dir);
        try {
            return RunConfig.fromMetadata(meta);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(CHECKPOINT), e.getMessage(), e);
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
        for (int e = 0; e < state.epochsDone; e++) {
            task.schedulers().forEach(LrScheduler::step);
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
     * @throws TrainingDivergedException if a training loss, a test figure, or the weights became
     *     non-finite; the checkpoint keeps the last finite state
     * @throws RunInterruptedException after {@link #requestStop()}, once the checkpoint is saved
     */
    public Result fit(int maxEpochs) throws IOException {
        Files.createDirectories(files.dir());
        files.removeStaleTemporaries();
        fitStart = System.nanoTime();
        secondsBeforeFit = state.seconds;
        String monitor = task.monitor();
        boolean stoppedEarly = config.patience() > 0 && state.wait >= config.patience();
        int run = 0;
        while (state.epochsDone < config.epochs() && !stoppedEarly && run++ < maxEpochs) {
            EpochStats stats = runEpoch(state.epochsDone);
            state.epochsDone++;
            state.startNextEpoch();
            state.history.add(stats);
            if (monitor != null && stats.metrics().containsKey(monitor)) {
                if (stats.metric(monitor) < state.best - 1e-4) {
                    state.best = stats.metric(monitor);
                    state.wait = 0;
                } else {
                    state.wait++;
                }
            }
            stoppedEarly = config.patience() > 0 && state.wait >= config.patience() && state.epochsDone < config.epochs();
            task.schedulers().forEach(LrScheduler::step);
            save();
            task.epochEnd(stats.epoch(), files.dir());
            listener.epochDone(stats, config.epochs());
            if (stoppedEarly) {
                listener.message("Early stopping: the " + describe(monitor) + " has not improved for " + state.wait
                        + " epoch(s); best " + String.format(Locale.ROOT, "%.4f", state.best));
            }
            if (stopRequested) {
                throw interrupted();
            }
        }
        if (lastEvaluation == null) {
            lastEvaluation = test == null ? Map.of() : evaluate(false);
        }
        List<EpochStats> history = state.history;
        return new Result(List.copyOf(history), lastEvaluation, state.seconds,
                state.trainOnlySeconds > 0 ? state.trainSamples / state.trainOnlySeconds : 0, stoppedEarly,
                parameterCount());
    }

    /** "test loss" for {@code eval_loss}, "training loss" for {@code train_loss}. */
    private static String describe(String metric) {
        String words = metric.substring(metric.indexOf('_') + 1).replace('_', ' ');
        return (metric.startsWith("eval_") ? "test " : metric.startsWith("train_") ? "training " : "") + words;
    }

    /** The context a training step of the trainer's current position sees. */
    private final class Context implements StepContext {
        private final int epoch;

        Context(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public int epoch() {
            return epoch;
        }

        @Override
        public long step() {
            return state.step;
        }

        @Override
        public double requireFinite(String name, Tensor loss) {
            double l = loss.item();
            if (!Double.isFinite(l)) {
                throw new TrainingDivergedException("the " + name + " became " + l + " at epoch " + epoch + ", step "
                        + (state.step + 1) + " (the step was not applied)" + checkpoint.kept());
            }
            return l;
        }
    }

    private void setTraining(boolean training) {
        for (Module m : task.modules().values()) {
            if (training) {
                m.train();
            } else {
                m.eval();
            }
        }
    }

    private EpochStats runEpoch(int epoch) throws IOException {
        double lr = task.optimizers().values().iterator().next().learningRate();
        setTraining(true);
        int batches = trainLoader.batchesPerEpoch();
        listener.epochStarted(epoch + 1, config.epochs(), batches, train.size());
        List<String> figures = task.trainingFigures();
        Context context = new Context(epoch + 1);
        long start = System.nanoTime();
        double before = state.epochTrainSeconds;
        for (Batch b : trainLoader.epoch(epoch, state.batchesDone)) {
            // every intermediate of the step returns to the backend when the scope closes
            try (b; MemoryScope stepScope = MemoryScope.open()) {
                double[] sums = task.trainingStep(b, context);
                if (sums.length != figures.size()) {
                    throw new IllegalStateException("the task's training step returned " + sums.length
                            + " figures for " + figures);
                }
                state.step++;
                state.batchesDone++;
                for (int i = 0; i < sums.length; i++) {
                    state.sums[i] += sums[i];
                }
                state.seen += b.size();
                state.epochTrainSeconds = before + (System.nanoTime() - start) / 1e9;
                listener.batchDone(state.seen, means(figures, state.sums, state.seen),
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
        Map<String, Double> metrics = new LinkedHashMap<>();
        means(figures, state.sums, seen).forEach((k, v) -> metrics.put("train_" + k, v));
        if (test != null) {
            lastEvaluation = evaluate(true);
            for (Map.Entry<String, Double> e : lastEvaluation.entrySet()) {
                metrics.put("eval_" + e.getKey(), e.getValue());
            }
        }
        return new EpochStats(epoch + 1, lr, metrics, trainTime, seen / trainTime);
    }

    private static Map<String, Double> means(List<String> names, double[] sums, int seen) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), sums[i] / seen);
        }
        return out;
    }

    private RunInterruptedException interrupted() {
        stopRequested = false;
        return new RunInterruptedException(state.midEpoch() ? state.epochsDone + 1 : state.epochsDone, state.step,
                files.dir());
    }

    /**
     * Evaluates the task on the test split; {@code duringFit}: a non-finite figure stops the run
     * ({@link TrainingDivergedException}) before the epoch is counted or saved.
     */
    private Map<String, Double> evaluate(boolean duringFit) {
        Evaluation ev = evaluate(task, testLoader);
        if (duringFit && ev.nonFinite() != null) {
            throw new TrainingDivergedException("the test " + ev.nonFinite().replace('_', ' ') + " became "
                    + ev.figures().get(ev.nonFinite()) + " after epoch " + (state.epochsDone + 1) + " (step "
                    + state.step + ")" + checkpoint.kept());
        }
        setTraining(true);
        return ev.figures();
    }

    /** An evaluation's figures; {@code nonFinite} names the figure a batch found non-finite (ending it), else null. */
    private record Evaluation(Map<String, Double> figures, String nonFinite) {
    }

    /**
     * Evaluates {@code task} on {@code data} in batches of {@code batchSize} (in the task's
     * evaluation order): its figures by name. Modules are left in eval mode.
     */
    public static Map<String, Double> evaluate(TrainingTask task, Dataset data, int batchSize) {
        return evaluate(task, DataLoader.builder(data).batchSize(batchSize)
                .sampler(task.evaluationSampler(data, batchSize)).build()).figures();
    }

    /** A batch with a non-finite figure ends the evaluation with that figure's value. */
    private static Evaluation evaluate(TrainingTask task, DataLoader loader) {
        task.modules().values().forEach(Module::eval);
        List<String> names = task.evaluationFigures();
        double[] sums = new double[names.size()];
        int seen = 0;
        task.startEvaluation();
        try (var ignored = Autograd.noGrad()) {
            for (Batch b : loader.epoch(0)) {
                try (b; MemoryScope batchScope = MemoryScope.open()) {
                    double[] s = task.evaluationStep(b);
                    for (int i = 0; i < s.length; i++) {
                        if (!Double.isFinite(s[i])) {
                            Map<String, Double> bad = new LinkedHashMap<>();
                            names.forEach(n -> bad.put(n, Double.NaN));
                            bad.put(names.get(i), s[i]);
                            return new Evaluation(bad, names.get(i));
                        }
                    }
                    for (int i = 0; i < s.length; i++) {
                        sums[i] += s[i];
                    }
                    seen += b.size();
                }
            }
        }
        double[] means = new double[sums.length];
        for (int i = 0; i < sums.length; i++) {
            means[i] = seen == 0 ? Double.NaN : sums[i] / seen;
        }
        double[] values = task.endEvaluation(means);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values[i]);
        }
        return new Evaluation(out, null);
    }

    /** Saves the checkpoint and the files derived from it (see {@link RunCheckpoint#save}). */
    private void save() throws IOException {
        state.seconds = secondsBeforeFit + (System.nanoTime() - fitStart) / 1e9;
        checkpoint.save();
    }
}
