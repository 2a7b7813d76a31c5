package dev.sinapsis.optim.schedule;

import dev.sinapsis.optim.Optimizer;

/**
 * Linear warm-up: for epochs {@code e < warmupSteps} the rate is
 * {@code base * (startFactor + (1 - startFactor) * e / warmupSteps)}; from then on it is the base
 * rate, or the wrapped schedule's rate at {@code e - warmupSteps}. This equals PyTorch's
 * {@code SequentialLR([LinearLR(start_factor, 1.0, warmupSteps), after], milestones=[warmupSteps])}.
 *
 * <p>The wrapped schedule must belong to the same optimizer and must not be stepped by the
 * caller; this schedule drives it.
 */
public final class LinearWarmup extends LrScheduler {
    private final int warmupSteps;
    private final double startFactor;
    private final LrScheduler after;

    /** Warm-up from {@code startFactor * base} to a constant base rate. */
    public LinearWarmup(Optimizer optimizer, int warmupSteps, double startFactor) {
        this(optimizer, warmupSteps, startFactor, null);
    }

    /**
     * @param warmupSteps epochs of warm-up (>= 1)
     * @param startFactor fraction of the base rate at epoch 0, in (0, 1]
     * @param after       schedule followed after the warm-up, or {@code null} for a constant rate
     */
    public LinearWarmup(Optimizer optimizer, int warmupSteps, double startFactor, LrScheduler after) {
        super(optimizer);
        if (warmupSteps < 1 || !(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearWarmup: need warmupSteps >= 1 and 0 < startFactor <= 1, got "
                    + warmupSteps + " and " + startFactor);
        }
        if (after != null && after.optimizer() != optimizer) {
            throw new IllegalArgumentException("LinearWarmup: the wrapped schedule belongs to another optimizer");
        }
        this.warmupSteps = warmupSteps;
        this.startFactor = startFactor;
        this.after = after;
        initialStep();
    }

    @Override
    protected double lrAt(int epoch, double baseLr) {
        if (epoch < warmupSteps) {
            return baseLr * (startFactor + (1 - startFactor) * epoch / warmupSteps);
        }
        return after == null ? baseLr : after.lrAt(epoch - warmupSteps, baseLr);
    }
}
