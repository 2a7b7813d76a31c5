package dev.sinapsis.optim.schedule;

import dev.sinapsis.optim.Optimizer;

/**
 * Decays the rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's {@code StepLR}:
 * {@code lr = base * gamma^(epoch / stepSize)} (integer division).
 */
public final class StepLR extends LrScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize epochs between decays (>= 1)
     * @param gamma    multiplicative factor (PyTorch's default is 0.1)
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double lrAt(int epoch, double baseLr) {
        return baseLr * Math.pow(gamma, epoch / stepSize);
    }
}
