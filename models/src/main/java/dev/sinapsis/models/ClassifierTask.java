package dev.sinapsis.models;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.data.Batch;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.metrics.ConfusionMatrix;
import dev.sinapsis.metrics.RocAuc;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classification with cross-entropy: one model mapping a batch to {@code [N, classes]} logits,
 * one optimizer and its schedule from the {@link RunConfig}. Reports the loss and accuracy while
 * training; evaluation adds the confusion matrix ({@link #confusion()}) and, for two classes, the
 * ROC-AUC of the positive class's probability ({@code eval_auc}).
 *
 * <p>Checkpoint names: module {@code model}, optimizer {@code optimizer}, generator {@code dropout}.
 */
public class ClassifierTask implements DataParallelTask {
    private final Module model;
    private final Generator dropoutGen;
    private final int classes;
    private final List<String> labels;
    private final Optimizer optimizer;
    private final List<LrScheduler> schedulers;
    private ConfusionMatrix confusion;
    private final List<Double> scores = new ArrayList<>();
    private final List<Boolean> positives = new ArrayList<>();

    /**
     * A task training {@code model} (any module mapping a batch of inputs to {@code [N, classes]}
     * logits) with the optimizer and schedule of {@code config}; {@code dropoutGen} is the
     * generator of the model's random layers (its counter is checkpointed).
     */
    public ClassifierTask(RunConfig config, Module model, Generator dropoutGen, int classes) {
        this(config, model, dropoutGen, classes, null);
    }

    /** As above, with class names for the confusion matrix and report (null: the class numbers). */
    protected ClassifierTask(RunConfig config, Module model, Generator dropoutGen, int classes, List<String> labels) {
        this.model = model;
        this.dropoutGen = dropoutGen;
        this.classes = classes;
        this.labels = labels;
        this.optimizer = Optimizers.create(config, model.parameters());
        this.schedulers = Optimizers.schedule(config, optimizer);
        this.confusion = newConfusion();
    }

    private ConfusionMatrix newConfusion() {
        return labels == null ? new ConfusionMatrix(classes) : new ConfusionMatrix(labels);
    }

    /** The seed of the dropout generator of a run seeded {@code seed}. */
    public static long dropoutSeed(long seed) {
        return seed ^ 0x0D50_D50D_0D50L;
    }

    /**
     * The classifier {@code config.model()} (an MLP or CNN {@link ModelSpec}) for images of
     * {@code train}'s shape, initialised from {@code Generator(seed)}, dropout from a generator of its own.
     */
    public static ClassifierTask create(RunConfig config, Dataset train) {
        return create(config, train.inputShape(), train.numClasses());
    }

    /**
     * The classifier {@code config.model()} (an MLP or CNN {@link ModelSpec}) for examples of shape
     * {@code [channels, height, width]} and {@code classes} classes, built as {@link #create(RunConfig, Dataset)}
     * builds it (the same weights for the same seed): for a worker that has the data's shape but not the data.
     */
    public static ClassifierTask create(RunConfig config, Shape in, int classes) {
        if (in.rank() != 3) {
            throw new IllegalArgumentException("the models take images [channels, height, width], got examples"
                    + " of shape " + in);
        }
        if (!(config.model() instanceof ModelSpec spec)) {
            throw new ConfigException("a " + config.model().kind() + " is not an image classifier (mlp or cnn)");
        }
        Generator dropoutGen = new Generator(dropoutSeed(config.seed()));
        Module model = spec.build(in.dim(0), in.dim(1), in.dim(2), classes, new Generator(config.seed()), dropoutGen);
        return new ClassifierTask(config, model, dropoutGen, classes);
    }

    /** The class names, or null where the data has none (classes are numbered). */
    public List<String> labels() {
        return labels;
    }

    /** The model. */
    public Module model() {
        return model;
    }

    /** The confusion matrix of the last evaluation. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    /** The logits {@code [N, classes]} of a batch; subclasses feed models that take more than the inputs. */
    protected Tensor logits(Batch batch) {
        return model.forward(batch.inputs());
    }

    /** Called between the backward pass and the optimizer step (to clip gradients, ...); nothing by default. */
    protected void beforeStep(Module model) {
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
        return Map.of("dropout", dropoutGen);
    }

    @Override
    public List<String> trainingFigures() {
        return List.of("loss", "accuracy");
    }

    @Override
    public double[] accumulateGradients(Batch share, int globalBatchSize, StepContext context) {
        Tensor logits = logits(share);
        Tensor loss = Losses.crossEntropy(logits, share.targets());
        double l = context.requireFinite("loss", loss);
        // the share's mean loss weighted by its part of the batch: the shares' gradients sum to the batch's
        (share.size() == globalBatchSize ? loss : loss.mul((double) share.size() / globalBatchSize)).backward();
        double correct;
        try (var ignored = Autograd.noGrad()) {
            correct = logits.argmax(1, false).eq(share.targets()).sum().item();
        }
        return new double[] {l * share.size(), correct};
    }

    @Override
    public void zeroGradients() {
        optimizer.zeroGrad();
    }

    @Override
    public void applyGradients() {
        beforeStep(model);
        optimizer.step();
    }

    @Override
    public List<String> evaluationFigures() {
        return classes == 2 ? List.of("loss", "accuracy", "auc") : List.of("loss", "accuracy");
    }

    @Override
    public void startEvaluation() {
        confusion = newConfusion();
        scores.clear();
        positives.clear();
    }

    @Override
    public double[] evaluationStep(Batch batch) {
        Tensor logits = logits(batch);
        double loss = Losses.crossEntropy(logits, batch.targets()).item();
        if (!Double.isFinite(loss)) {
            return classes == 2 ? new double[] {loss, 0, 0} : new double[] {loss, 0};
        }
        confusion.add(logits, batch.targets());
        if (classes == 2) {
            // the positive class's probability: softmax of two logits is the sigmoid of their difference
            double[] l = logits.toDoubleArray();
            long[] y = batch.targets().toLongArray();
            for (int i = 0; i < y.length; i++) {
                scores.add(l[2 * i + 1] - l[2 * i]);
                positives.add(y[i] == 1);
            }
        }
        double n = batch.size();
        // accuracy and AUC come from the confusion matrix and scores at the end
        return classes == 2 ? new double[] {loss * n, 0, 0} : new double[] {loss * n, 0};
    }

    @Override
    public double[] endEvaluation(double[] means) {
        double[] out = means.clone();
        out[1] = confusion.accuracy();
        if (classes == 2) {
            out[2] = auc();
        }
        return out;
    }

    /** ROC-AUC of the last evaluation (NaN when it saw only one class). */
    private double auc() {
        long pos = positives.stream().filter(b -> b).count();
        if (pos == 0 || pos == positives.size()) {
            return Double.NaN;
        }
        double[] s = new double[scores.size()];
        boolean[] p = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            p[i] = positives.get(i);
        }
        return RocAuc.binary(s, p);
    }
}
