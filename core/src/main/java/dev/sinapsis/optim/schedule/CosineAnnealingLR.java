package dev.sinapsis.optim.schedule;

import dev.sinapsis.optim.Optimizer;

/**
 * Cosine annealing (Loshchilov and Hutter 2017, without restarts), as PyTorch's
 * {@code CosineAnnealingLR}: {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}.
 * Past {@code tMax} the rate climbs back along the cosine, as in PyTorch.
 */
public final class CosineAnnealingLR extends LrScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * @param tMax   epochs from the base rate down to {@code etaMin} (>= 1)
     * @param etaMin minimum rate (PyTorch's default is 0)
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be >= 1, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double lrAt(int epoch, double baseLr) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
