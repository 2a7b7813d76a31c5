package dev.sinapsis.spark;

import dev.sinapsis.models.DataParallelTask;
import java.io.Serializable;

/**
 * Builds, on an executor, the task the driver trains: the same modules (names, shapes, dtypes)
 * and optimizers; the weights are then overwritten by the driver's broadcast, so only the
 * structure matters. Serializable: Spark ships it to every executor.
 */
@FunctionalInterface
public interface TaskFactory extends Serializable {
    /** A fresh task. */
    DataParallelTask create();
}
