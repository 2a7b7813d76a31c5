package dev.sinapsis.optim.schedule;

import dev.sinapsis.optim.Optimizer;

/**
 * Base of the learning-rate schedules: remembers each group's base rate (its rate when the
 * schedule was made), counts epochs, and sets {@code lr = lrAt(epoch, base)} in every group.
 *
 * <p>Rates are computed in closed form from the base rate, so they equal PyTorch's chainable
 * (recursive) updates up to rounding, but a rate set on the optimizer by hand is overwritten at
 * the next {@link #step()}.
 */
public abstract class LrScheduler {
    private final Optimizer optimizer;
    private final double[] baseLrs;
    private int lastEpoch = -1;

    /** Records the base rates; subclasses call {@link #initialStep()} at the end of their constructor. */
    protected LrScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        int n = optimizer.paramGroups().size();
        this.baseLrs = new double[n];
        for (int g = 0; g < n; g++) {
            baseLrs[g] = optimizer.learningRate(g);
        }
    }

    /** Sets epoch 0's rates (PyTorch's initial step). */
    protected final void initialStep() {
        lastEpoch = 0;
        apply();
    }

    /** The rate at {@code epoch} (0-based) for a group whose base rate is {@code baseLr}. */
    protected abstract double lrAt(int epoch, double baseLr);

    /** Advances one epoch and sets the new rates. */
    public void step() {
        if (lastEpoch < 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " was not initialised");
        }
        lastEpoch++;
        apply();
    }

    private void apply() {
        for (int g = 0; g < baseLrs.length; g++) {
            optimizer.setLearningRate(g, lrAt(lastEpoch, baseLrs[g]));
        }
    }

    /** The first group's current rate (as PyTorch's {@code get_last_lr()[0]}). */
    public double lastLr() {
        return lrAt(lastEpoch, baseLrs[0]);
    }

    /** Every group's current rate. */
    public double[] lastLrs() {
        double[] out = new double[baseLrs.length];
        for (int g = 0; g < out.length; g++) {
            out[g] = lrAt(lastEpoch, baseLrs[g]);
        }
        return out;
    }

    /** The current epoch (0 after construction). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The optimizer whose rates this schedule sets. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The base rate of each group. */
    public double[] baseLrs() {
        return baseLrs.clone();
    }
}
