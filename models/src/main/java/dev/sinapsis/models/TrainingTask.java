package dev.sinapsis.models;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.BatchSampler;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.nn.Module;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.tensor.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Trainer} trains, in the spirit of PyTorch Lightning's {@code LightningModule}: the
 * task owns its models, optimizers, schedulers and random generators, takes a training step on a
 * batch (updating one optimizer or several, e.g. a GAN's discriminator and then its generator),
 * evaluates, and names the figures it reports. The Trainer keeps everything shared once: epochs,
 * the seeded batch order, one {@code MemoryScope} per step, progress, {@code metrics.csv}, plots,
 * {@code summary.json}, atomic checkpoints of everything the task names (so resuming is exact),
 * early stopping and the checks for non-finite values.
 *
 * <p>Figures: {@link #trainingStep} returns, for each name of {@link #trainingFigures()}, the sum
 * of that figure over the batch's examples (a mean loss times the batch size, a count of correct
 * predictions); the Trainer reports the running mean over the epoch and records it per epoch as
 * {@code train_NAME}. Evaluation works the same way, recorded as {@code eval_NAME}.
 *
 * <p>Checkpoints: module {@code NAME}'s tensors are saved as {@code NAME.<parameter>}, optimizer
 * {@code NAME}'s state as {@code NAME.<key>}, and generator {@code NAME}'s seed and counter in the
 * metadata; the names must therefore be distinct.
 */
public interface TrainingTask {
    /** The modules trained, by name (the checkpoint's tensor prefixes); the order is kept. */
    Map<String, Module> modules();

    /** The optimizers, by name (prefixes of their state in the checkpoint). */
    Map<String, Optimizer> optimizers();

    /** Learning-rate schedulers stepped once after every epoch (and replayed on resume). */
    default List<LrScheduler> schedulers() {
        return List.of();
    }

    /**
     * Generators the task draws from while training (dropout masks, noise), by name: their
     * counters are checkpointed so a resumed run draws the same numbers. The initial weights'
     * generator need not be listed (resuming loads the weights).
     */
    Map<String, Generator> generators();

    /** Names of the figures {@link #trainingStep} returns, e.g. {@code loss, accuracy}. */
    List<String> trainingFigures();

    /**
     * One training step on {@code batch} (inside a memory scope the Trainer closes afterwards):
     * forward, loss, backward and optimizer update(s). Call {@link StepContext#requireFinite} on
     * every loss before its backward pass, so a diverged run stops before a non-finite update.
     *
     * @return per {@link #trainingFigures()} name, the figure summed over the batch's examples
     */
    double[] trainingStep(Batch batch, StepContext context);

    /** Names of the figures evaluation reports, e.g. {@code loss, accuracy}; empty: no evaluation. */
    List<String> evaluationFigures();

    /** Resets what evaluation accumulates (a confusion matrix, scores), before its first batch. */
    default void startEvaluation() {
    }

    /**
     * Evaluates one batch (modules in eval mode, gradients off, inside a memory scope).
     *
     * @return per {@link #evaluationFigures()} name, the figure summed over the batch's examples
     *     (0 for figures {@link #endEvaluation} computes from what it accumulated)
     */
    default double[] evaluationStep(Batch batch) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not evaluate");
    }

    /**
     * The evaluation's figures from the per-example means of {@link #evaluationStep}'s sums; a task
     * fills in here the figures that are not means (ROC-AUC, ...). The default returns the means.
     */
    default double[] endEvaluation(double[] means) {
        return means;
    }

    /**
     * The per-epoch figure early stopping watches, minimised ({@code eval_loss} by default; null:
     * none, so {@code --patience} is refused).
     */
    default String monitor() {
        return evaluationFigures().isEmpty() ? null : "eval_loss";
    }

    /** The batches of a training epoch; null (the default) for seeded shuffled chunks of {@code batchSize}. */
    default BatchSampler trainingSampler(Dataset train, int batchSize, long seed) {
        return null;
    }

    /** The batches of an evaluation; null (the default) for consecutive chunks of {@code batchSize}. */
    default BatchSampler evaluationSampler(Dataset test, int batchSize) {
        return null;
    }

    /** Examples per evaluation batch, given the training batch size (default: at least 500). */
    default int evaluationBatchSize(int trainingBatchSize) {
        return Math.max(500, trainingBatchSize);
    }

    /**
     * Extra metadata saved with the checkpoint and the derived model file (e.g. a vocabulary), for
     * what evaluation or prediction needs besides the weights. Empty by default.
     */
    default Map<String, String> metadata() {
        return Map.of();
    }

    /**
     * Called after each epoch is trained, evaluated and checkpointed, to write the task's own
     * artefacts into the run directory (pictures of samples, ...). Nothing by default.
     *
     * @param epoch 1-based epoch just finished
     */
    default void epochEnd(int epoch, Path runDir) throws IOException {
    }
}
