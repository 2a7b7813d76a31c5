package dev.sinapsis.cli;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.DistributedTraining;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.TrainingTask;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code train --spark}: data-parallel training on an Apache Spark cluster. */
final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "mlp, cnn, lstm, gru: train data-parallel on Apache Spark: local[N] (N worker threads here),"
                    + " spark://HOST:7077, yarn or k8s://... (see docs/DISTRIBUTED.md).")
    String master;

    @Option(names = "--spark-mode", paramLabel = "MODE",
            description = "With --spark: sync (one gradient step per batch, the same result as one process) or"
                    + " average (each worker takes --spark-local-steps steps, then the parameters are averaged)"
                    + " (default: sync).")
    String mode;

    @Option(names = "--spark-local-steps", paramLabel = "K",
            description = "With --spark-mode average: batches between two averages (default: 4).")
    Integer localSteps;

    /** Whether any Spark option was given. */
    boolean any() {
        return master != null || mode != null || localSteps != null;
    }

    /**
     * {@code task} itself without {@code --spark}, else the task distributing it ({@code train}: the
     * examples the run trains on, limits applied).
     */
    TrainingTask wrap(RunConfig config, TrainingTask task, Dataset train) {
        if (master == null) {
            if (mode != null || localSteps != null) {
                throw new UserException("--spark-mode and --spark-local-steps go with --spark MASTER");
            }
            return task;
        }
        DistributedTraining.Mode m;
        String name = mode == null ? "sync" : mode.toLowerCase(Locale.ROOT);
        switch (name) {
            case "sync" -> m = DistributedTraining.Mode.SYNC;
            case "average" -> m = DistributedTraining.Mode.AVERAGE;
            default -> throw new UserException("--spark-mode must be sync or average, got '" + mode + "'");
        }
        if (localSteps != null && m != DistributedTraining.Mode.AVERAGE) {
            throw new UserException("--spark-local-steps is for --spark-mode average");
        }
        return DistributedTraining.find().distribute(config, task, train,
                new DistributedTraining.Settings(master, m, localSteps == null ? 4 : localSteps));
    }
}
