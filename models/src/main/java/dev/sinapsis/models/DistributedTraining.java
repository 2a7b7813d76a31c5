package dev.sinapsis.models;

import dev.sinapsis.data.Dataset;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Training on a cluster, found with {@link ServiceLoader} so that {@code models} does not depend on
 * the cluster's libraries: the {@code sinapsis-spark} module provides it (Apache Spark). The
 * {@link Trainer} stays the one training loop: {@link #distribute} returns a {@link TrainingTask}
 * whose step runs on the cluster, with the same modules, optimizers and checkpoint names as the
 * task it wraps, so a distributed run's checkpoint resumes in a single process and vice versa.
 */
public interface DistributedTraining {
    /** How the workers combine their work: one synchronous gradient step, or averaged local steps. */
    enum Mode {
        /** Every step: the batch's gradient summed over the workers, one optimizer step on the driver. */
        SYNC,
        /** Every {@code localSteps} batches: each worker steps on its shares, the driver averages the results. */
        AVERAGE
    }

    /**
     * Where and how to train.
     *
     * @param master     the cluster's master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}, ...)
     * @param mode       sync or average
     * @param localSteps batches each worker trains on between two averages (average mode; >= 1)
     */
    record Settings(String master, Mode mode, int localSteps) {
        public Settings {
            if (master == null || master.isBlank()) {
                throw new ConfigException("--spark needs a master URL, e.g. local[2] or spark://host:7077");
            }
            if (mode == null) {
                throw new ConfigException("--spark-mode must be sync or average");
            }
            if (localSteps < 1) {
                throw new ConfigException("--spark-local-steps must be >= 1, got " + localSteps);
            }
        }
    }

    /** A task whose training step runs on the cluster; closing it stops the cluster's context. */
    interface Task extends TrainingTask, AutoCloseable {
        /** One line for the console: the master, the mode, the number of workers. */
        String describe();

        /** The task it distributes (the driver's copy: its modules hold the trained weights). */
        TrainingTask inner();

        @Override
        void close();
    }

    /**
     * A task training {@code task}'s modules on the cluster with {@code train} (the examples the
     * run trains on, limits applied) distributed across its workers. Only what {@code config}
     * describes can be rebuilt on the workers: an image classifier (mlp or cnn).
     *
     * @throws ConfigException if this kind of task or setting cannot be distributed
     */
    Task distribute(RunConfig config, TrainingTask task, Dataset train, Settings settings);

    /**
     * The implementation on the class path.
     *
     * @throws ConfigException "Spark support is not on the class path: ..." when none is
     */
    static DistributedTraining find() {
        List<DistributedTraining> found = ServiceLoader.load(DistributedTraining.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.isEmpty()) {
            throw new ConfigException("Spark support is not on the class path: run ./sinapsis (which adds it when --spark"
                    + " is given), or put the sinapsis-spark jar on the class path (spark/target/sinapsis-spark.jar)");
        }
        return found.get(0);
    }
}
