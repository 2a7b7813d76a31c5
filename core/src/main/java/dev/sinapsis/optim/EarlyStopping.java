package dev.sinapsis.optim;

/**
 * Stops training when a monitored metric has stopped improving.
 *
 * <p>An epoch improves when its metric beats the best so far by more than {@code minDelta}
 * (below it in {@link Mode#MIN}, above it in {@link Mode#MAX}); after {@code patience}
 * consecutive epochs without improvement {@link #shouldStop()} turns true.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping(5, 1e-4, EarlyStopping.Mode.MIN);
 * for (int epoch = 0; !stop.shouldStop(); epoch++) {
 *     double validationLoss = trainOneEpoch();
 *     if (stop.update(validationLoss)) saveCheckpoint();
 * }
 * }</pre>
 */
public final class EarlyStopping {
    /** Whether smaller (loss) or larger (accuracy) metrics are better. */
    public enum Mode { MIN, MAX }

    private final int patience;
    private final double minDelta;
    private final Mode mode;
    private double best;
    private int bestEpoch = -1;
    private int epochs;
    private int wait;

    /**
     * @param patience epochs without improvement to tolerate (>= 0)
     * @param minDelta minimum change that counts as an improvement (>= 0)
     * @param mode     {@link Mode#MIN} for losses, {@link Mode#MAX} for accuracies
     */
    public EarlyStopping(int patience, double minDelta, Mode mode) {
        if (patience < 0 || !(minDelta >= 0) || mode == null) {
            throw new IllegalArgumentException("EarlyStopping: need patience >= 0, minDelta >= 0 and a mode, got "
                    + patience + ", " + minDelta + ", " + mode);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.mode = mode;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Records one epoch's metric; returns true when it is a new best. NaN never improves. */
    public boolean update(double metric) {
        int epoch = epochs++;
        boolean improved = mode == Mode.MIN ? metric < best - minDelta : metric > best + minDelta;
        if (improved) {
            best = metric;
            bestEpoch = epoch;
            wait = 0;
        } else {
            wait++;
        }
        return improved;
    }

    /** True once {@code patience} consecutive epochs (at least one) brought no improvement. */
    public boolean shouldStop() {
        return wait > 0 && wait >= patience;
    }

    /** The 0-based epoch of the best metric, or -1 before the first update. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best metric so far (infinite before the first finite update). */
    public double best() {
        return best;
    }

    /** Epochs since the best one. */
    public int epochsWithoutImprovement() {
        return wait;
    }
}
