package dev.sinapsis.optim.schedule;

import dev.sinapsis.optim.Optimizer;

/** Decays the rate by {@code gamma} every epoch, as PyTorch's {@code ExponentialLR}: {@code lr = base * gamma^epoch}. */
public final class ExponentialLR extends LrScheduler {
    private final double gamma;

    /** @param gamma multiplicative factor per epoch */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double lrAt(int epoch, double baseLr) {
        return baseLr * Math.pow(gamma, epoch);
    }
}
