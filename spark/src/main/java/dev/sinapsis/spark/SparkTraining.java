package dev.sinapsis.spark;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.models.ClassifierTask;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.models.DistributedTraining;
import dev.sinapsis.models.ModelSpec;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.models.SequenceModelSpec;
import dev.sinapsis.models.TrainingTask;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code sinapsis train mlp|cnn|lstm|gru --spark MASTER}: found by {@code DistributedTraining.find()}
 * through {@code META-INF/services}. Executors rebuild the classifier from the run's
 * configuration (its checkpoint metadata) and the examples' shape.
 */
public final class SparkTraining implements DistributedTraining {
    @Override
    public Task distribute(RunConfig config, TrainingTask task, Dataset train, Settings settings) {
        TaskFactory factory;
        if (task instanceof SequenceClassifierTask text && config.model() instanceof SequenceModelSpec) {
            factory = new SequenceClassifierFactory(config.toMetadata(), text.vocabulary().toText(), text.labels());
        } else if (task.getClass() == ClassifierTask.class && config.model() instanceof ModelSpec) {
            factory = new ClassifierFactory(config.toMetadata(), train.inputShape().toArray(), train.numClasses());
        } else {
            throw new ConfigException("--spark trains the classifiers (mlp, cnn, lstm, gru); a "
                    + config.model().kind() + " run is not distributed yet");
        }
        JavaSparkContext spark = SparkContexts.start(settings.master(), "sinapsis " + config.model().kind());
        try {
            return new SparkTask(spark, true, (ClassifierTask) task, factory, train, config,
                    spark.defaultParallelism(), settings.mode(), settings.localSteps(), FaultPlan.NONE);
        } catch (RuntimeException e) {
            spark.stop();
            throw e;
        }
    }

    /** The text classifier of a run's configuration, over {@code vocabulary} (its text form), with {@code labels}. */
    record SequenceClassifierFactory(Map<String, String> config, String vocabulary, List<String> labels)
            implements TaskFactory {
        private static final long serialVersionUID = 1L;

        SequenceClassifierFactory {
            labels = List.copyOf(labels);
        }

        @Override
        public SequenceClassifierTask create() {
            return SequenceClassifierTask.create(RunConfig.fromMetadata(config), Vocabulary.fromText(vocabulary), labels);
        }
    }

    /** The classifier of a run's configuration, for examples of shape {@code shape}. */
    record ClassifierFactory(Map<String, String> config, int[] shape, int classes) implements TaskFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public ClassifierTask create() {
            return ClassifierTask.create(RunConfig.fromMetadata(config), dev.sinapsis.tensor.Shape.of(shape), classes);
        }
    }
}
