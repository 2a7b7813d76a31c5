package dev.sinapsis.spark;

import java.io.Serializable;

/**
 * Which worker tasks fail on purpose, after computing their result and before returning it: for
 * testing that Spark's retry of a failed task leaves the step's result unchanged.
 */
@FunctionalInterface
public interface FaultPlan extends Serializable {
    /** No failures. */
    FaultPlan NONE = (step, partition, attempt) -> false;

    /**
     * Whether the task of {@code partition} for the step {@code step} (0-based; in average mode the
     * round's first step) fails in its {@code attempt} (0 for the first try).
     */
    boolean fails(long step, int partition, int attempt);

    /** The exception a planned failure throws. */
    final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(long step, int partition, int attempt) {
            super("planned failure of partition " + partition + " at step " + step + ", attempt " + attempt);
        }
    }
}
