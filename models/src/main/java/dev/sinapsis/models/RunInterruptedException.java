package dev.sinapsis.models;

import java.nio.file.Path;

/**
 * {@link Trainer#fit} stopped because {@link Trainer#requestStop()} was called (the CLI calls it
 * on Ctrl-C); a checkpoint of the exact state was saved first, so {@link Trainer#resume()}
 * continues the run as if it had never stopped.
 */
public final class RunInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final transient Path dir;

    RunInterruptedException(int epoch, long step, Path dir) {
        super("interrupted \u2014 checkpoint saved at epoch " + epoch + ", step " + step + "; resume with --resume " + dir);
        this.epoch = epoch;
        this.step = step;
        this.dir = dir;
    }

    /** The 1-based epoch the checkpoint was saved in (or at the end of). */
    public int epoch() {
        return epoch;
    }

    /** Optimizer steps taken when the checkpoint was saved. */
    public long step() {
        return step;
    }

    /** The run directory holding the checkpoint. */
    public Path dir() {
        return dir;
    }
}
