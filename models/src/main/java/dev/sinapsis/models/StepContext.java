package dev.sinapsis.models;

import dev.sinapsis.tensor.Tensor;

/** What a {@link TrainingTask} step can ask of the {@link Trainer}: where the run stands, and the divergence check. */
public interface StepContext {
    /** The 1-based epoch in progress. */
    int epoch();

    /** Steps taken before this one (so this step is {@code step() + 1}). */
    long step();

    /**
     * The value of the scalar {@code loss}, after checking it is finite.
     *
     * @param name the loss as users know it ("loss", "discriminator loss")
     * @throws TrainingDivergedException if it is NaN or infinite: "the NAME became NaN at epoch E,
     *     step S (the step was not applied)", with where the last finite checkpoint is
     */
    double requireFinite(String name, Tensor loss);
}
