package dev.sinapsis.spark;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.BatchSampler;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.DataParallelTask;
import dev.sinapsis.models.DistributedTraining;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.StepContext;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Parameter;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's side: a {@link TrainingTask} the {@link dev.sinapsis.models.Trainer} drives as
 * usual (epochs, seeded batch order, evaluation, checkpoints, resume) whose training step runs on
 * Spark. The driver holds the model and the optimizer; the examples are an RDD of
 * {@link ExampleBlock}s cached on the executors, one per partition.
 *
 * <p>{@link DistributedTraining.Mode#SYNC}: each step broadcasts the weights (safetensors bytes)
 * and the batch's example indices; each partition computes the gradient of its share of the batch;
 * {@code treeAggregate} sums them and the driver takes the optimizer step: the single-process step
 * up to the order of float summation.
 *
 * <p>{@link DistributedTraining.Mode#AVERAGE}: the batches of a round ({@code localSteps} of them,
 * rounds aligned to the epoch's batch positions) are collected; each partition starts from the
 * broadcast weights and optimizer state and takes one local step per batch on its share; the driver
 * averages the workers' weights and optimizer state. Batches inside a round report no figures; the
 * round's last batch reports the round's sums, so the epoch's figures are complete.
 *
 * <p>The modules, optimizers and generators are the wrapped task's, so checkpoints are those of a
 * single-process run of it and resume either way.
 */
public final class SparkTask implements DistributedTraining.Task {
    private final JavaSparkContext spark;
    private final boolean ownsContext;
    private final DataParallelTask inner;
    private final TaskFactory factory;
    private final JavaRDD<ExampleBlock> blocks;
    private final List<Broadcast<ExampleBlock>> shipped = new ArrayList<>();
    private final int partitions;
    private final DistributedTraining.Mode mode;
    private final int localSteps;
    private final FaultPlan faults;
    private final DataLoader order;
    private final String runId = UUID.randomUUID().toString();
    private int[][] epochBatches;
    private int batchesEpoch = -1;
    private final List<int[]> pending = new ArrayList<>();

    /**
     * Distributes {@code inner} on {@code spark}.
     *
     * @param spark       the context (closed with this task when {@code ownsContext})
     * @param ownsContext whether {@link #close} stops {@code spark}
     * @param inner       the driver's task: its modules and optimizers are the ones trained and saved
     * @param factory     builds the same task on the executors
     * @param train       the examples the run trains on (limits applied), split into {@code partitions} blocks
     * @param config      the run's batch size and seed (the batch order, as the Trainer's)
     * @param partitions  blocks of examples, usually the cluster's parallelism
     * @param mode        sync or average
     * @param localSteps  average mode: batches per round
     * @param faults      planned failures (tests), {@link FaultPlan#NONE} otherwise
     */
    public SparkTask(JavaSparkContext spark, boolean ownsContext, DataParallelTask inner, TaskFactory factory,
                     Dataset train, RunConfig config, int partitions, DistributedTraining.Mode mode, int localSteps,
                     FaultPlan faults) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.spark = spark;
        this.ownsContext = ownsContext;
        this.inner = inner;
        this.factory = factory;
        this.partitions = partitions;
        this.mode = mode;
        this.localSteps = mode == DistributedTraining.Mode.SYNC ? 1 : localSteps;
        this.faults = faults;
        // the Trainer's loader, built the same way: the same batches in the same order
        this.order = DataLoader.builder(train).batchSize(config.batchSize()).shuffle(true).seed(config.seed())
                .sampler(inner.trainingSampler(train, config.batchSize(), config.seed())).build();
        // One broadcast per block, and an RDD of block numbers mapped to them: the partitions of
        // parallelize(blocks) would hold the examples themselves, and Spark serialises a task's
        // partition into every task, so each step would ship every block again (4 MB per task for
        // the embedded IMDB). Each executor fetches the broadcasts of the blocks it computes, once;
        // a lost cached block is rebuilt from its broadcast.
        long n = train.size();
        for (int p = 0; p < partitions; p++) {
            shipped.add(spark.broadcast(ExampleBlock.of(train, (int) (p * n / partitions),
                    (int) ((p + 1) * n / partitions))));
        }
        List<Broadcast<ExampleBlock>> refs = List.copyOf(shipped);
        List<Integer> numbers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            numbers.add(p);
        }
        this.blocks = spark.parallelize(numbers, partitions).map(p -> refs.get(p).value()).cache();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Spark %s: %s, %d partitions of the training set", spark.master(),
                mode == DistributedTraining.Mode.SYNC ? "synchronous gradient steps" : "parameter averaging every "
                        + localSteps + " batches", partitions);
    }

    @Override
    public TrainingTask inner() {
        return inner;
    }

    @Override
    public double[] trainingStep(Batch batch, StepContext context) {
        if (batchesEpoch != context.epoch()) {
            epochBatches = order.batches(context.epoch() - 1);
            batchesEpoch = context.epoch();
            pending.clear();
        }
        int[] indices = epochBatches[batch.index()];
        if (indices.length != batch.size()) {
            throw new IllegalStateException("batch " + batch.index() + " has " + batch.size() + " examples, the"
                    + " distributed order " + indices.length + ": the Trainer's data differ from this task's");
        }
        return mode == DistributedTraining.Mode.SYNC ? syncStep(indices, context)
                : averageStep(indices, batch.index(), context);
    }

    private double[] syncStep(int[] indices, StepContext context) {
        StepRequest request = new StepRequest(runId, context.step(), context.epoch(), new int[][] {indices},
                SafeTensors.toBytes(moduleState(), Map.of()), null);
        Broadcast<StepRequest> b = spark.broadcast(request);
        Contribution sum;
        try {
            TaskFactory f = factory;
            FaultPlan plan = faults;
            sum = blocks.map(block -> Worker.gradients(block, b.value(), f, plan))
                    .treeAggregate(Contribution.none(), Contribution::merge, Contribution::merge);
        } finally {
            b.destroy();
        }
        requireAll(sum, indices.length);
        context.requireFinite("loss", Tensor.scalar(sum.figures()[0]));
        inner.zeroGradients();
        Map<String, Tensor> grads = sum.tensors(1);
        for (Map.Entry<String, Module> m : inner.modules().entrySet()) {
            for (Parameter p : m.getValue().namedParameters()) {
                Tensor g = grads.get(m.getKey() + "." + p.name());
                if (g == null) {
                    throw new IllegalStateException("no gradient came back for " + m.getKey() + "." + p.name());
                }
                p.value().setGrad(g);
            }
        }
        inner.applyGradients();
        return sum.figures();
    }

    private double[] averageStep(int[] indices, int position, StepContext context) {
        pending.add(indices);
        boolean last = position == epochBatches.length - 1;
        if ((position + 1) % localSteps != 0 && !last) {
            return new double[inner.trainingFigures().size()];
        }
        int[][] round = pending.toArray(new int[0][]);
        pending.clear();
        long firstStep = context.step() - (round.length - 1);
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        inner.optimizers().forEach((name, o) -> o.stateDict().forEach((k, t) -> optimizerState.put(name + "." + k, t)));
        StepRequest request = new StepRequest(runId, firstStep, context.epoch(), round,
                SafeTensors.toBytes(moduleState(), Map.of()), SafeTensors.toBytes(optimizerState, Map.of()));
        optimizerState.values().forEach(Tensor::close);
        Broadcast<StepRequest> b = spark.broadcast(request);
        Contribution sum;
        try {
            TaskFactory f = factory;
            FaultPlan plan = faults;
            sum = blocks.map(block -> Worker.localSteps(block, b.value(), f, plan))
                    .treeAggregate(Contribution.none(), Contribution::merge, Contribution::merge);
        } finally {
            b.destroy();
        }
        int examples = 0;
        for (int[] r : round) {
            examples += r.length;
        }
        requireAll(sum, examples);
        context.requireFinite("loss", Tensor.scalar(sum.figures()[0]));
        Map<String, Tensor> mean = sum.tensors(1.0 / sum.workers());
        for (Map.Entry<String, Module> m : inner.modules().entrySet()) {
            m.getValue().loadStateDict(Worker.withPrefix(mean, m.getKey()));
        }
        for (Map.Entry<String, Optimizer> o : inner.optimizers().entrySet()) {
            o.getValue().loadStateDict(Worker.withPrefix(mean, o.getKey()));
        }
        return sum.figures();
    }

    private static void requireAll(Contribution sum, int examples) {
        if (sum.examples() != examples) {
            throw new IllegalStateException("the workers trained on " + sum.examples() + " examples of " + examples);
        }
    }

    /** The modules' parameters and buffers as {@code MODULE.NAME}. */
    private Map<String, Tensor> moduleState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        inner.modules().forEach((name, m) -> m.stateDict().forEach((k, t) -> out.put(name + "." + k, t)));
        return out;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
        shipped.forEach(Broadcast::destroy);
        if (ownsContext) {
            spark.stop();
        }
    }

    // ---------------------------------------------------------------- the wrapped task's

    @Override
    public Map<String, Module> modules() {
        return inner.modules();
    }

    @Override
    public Map<String, Optimizer> optimizers() {
        return inner.optimizers();
    }

    @Override
    public List<LrScheduler> schedulers() {
        return inner.schedulers();
    }

    @Override
    public Map<String, Generator> generators() {
        return inner.generators();
    }

    @Override
    public List<String> trainingFigures() {
        return inner.trainingFigures();
    }

    @Override
    public List<String> evaluationFigures() {
        return inner.evaluationFigures();
    }

    @Override
    public void startEvaluation() {
        inner.startEvaluation();
    }

    @Override
    public double[] evaluationStep(Batch batch) {
        return inner.evaluationStep(batch);
    }

    @Override
    public double[] endEvaluation(double[] means) {
        return inner.endEvaluation(means);
    }

    @Override
    public String monitor() {
        return inner.monitor();
    }

    @Override
    public BatchSampler trainingSampler(Dataset train, int batchSize, long seed) {
        return inner.trainingSampler(train, batchSize, seed);
    }

    @Override
    public BatchSampler evaluationSampler(Dataset test, int batchSize) {
        return inner.evaluationSampler(test, batchSize);
    }

    @Override
    public int evaluationBatchSize(int trainingBatchSize) {
        return inner.evaluationBatchSize(trainingBatchSize);
    }

    @Override
    public Map<String, String> metadata() {
        return inner.metadata();
    }

    @Override
    public void epochEnd(int epoch, Path runDir) throws IOException {
        inner.epochEnd(epoch, runDir);
    }
}
