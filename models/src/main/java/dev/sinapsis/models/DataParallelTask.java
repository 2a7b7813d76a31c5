package dev.sinapsis.models;

import dev.sinapsis.data.Batch;

/**
 * A {@link TrainingTask} whose training step splits into the gradients of shares of a batch and
 * one update from their sum: what data-parallel training needs. Workers each call
 * {@link #accumulateGradients} on their share of a global batch (the shares' gradients add up to
 * the whole batch's), a coordinator sums them into the parameters' gradients and calls
 * {@link #applyGradients}. {@link #trainingStep} is the same three calls on one share, the whole
 * batch, so a data-parallel run and a single-process run compute the same step.
 */
public interface DataParallelTask extends TrainingTask {
    /**
     * Forward and backward of the task on {@code share}, a part of a global batch of
     * {@code globalBatchSize} examples: the gradients are added to the parameters' gradients,
     * scaled by {@code share.size() / globalBatchSize} so that the shares of one batch sum to the
     * batch's gradient. No optimizer steps.
     *
     * @return per {@link #trainingFigures()} name, the figure summed over the share's examples
     */
    double[] accumulateGradients(Batch share, int globalBatchSize, StepContext context);

    /** Clears the gradients of every parameter the optimizers update. */
    void zeroGradients();

    /**
     * The update from the gradients now held by the parameters: what happens between the backward
     * pass and the optimizer's step (gradient clipping), then the step(s).
     */
    void applyGradients();

    @Override
    default double[] trainingStep(Batch batch, StepContext context) {
        zeroGradients();
        double[] figures = accumulateGradients(batch, batch.size(), context);
        applyGradients();
        return figures;
    }
}
