package dev.sinapsis.cli;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.models.ClassifierTask;
import dev.sinapsis.models.RunConfig;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.models.SequenceModelSpec;
import dev.sinapsis.models.TrainingTask;
import dev.sinapsis.models.data.Imdb;
import dev.sinapsis.models.data.TextData;
import dev.sinapsis.models.data.TrainingData;
import java.nio.file.Path;

/**
 * A run's data and the task that trains on it, by the kind of model: images for mlp/cnn
 * ({@link ClassifierTask}), encoded reviews for lstm/gru ({@link SequenceClassifierTask}).
 *
 * @param name  the dataset's name as reported
 * @param train the training split
 * @param test  the test split
 * @param task  the task
 */
record RunData(String name, Dataset train, Dataset test, TrainingTask task) {
    /**
     * Loads the data {@code config} names and makes its task; a text run encodes with {@code vocab}
     * (a resumed run's) or builds its vocabulary on the training split (null).
     */
    static RunData load(RunConfig config, Path cacheRoot, Vocabulary vocab) {
        return load(config, cacheRoot, vocab, true);
    }

    /** As above; a text run without {@code withTrain} (evaluation) leaves the training split empty. */
    static RunData load(RunConfig config, Path cacheRoot, Vocabulary vocab, boolean withTrain) {
        if (config.model() instanceof SequenceModelSpec s) {
            TextData td = TextData.load(config.data(), cacheRoot, vocab, s.vocabSize(), s.maxLength(), s.keepPart(),
                    withTrain);
            return new RunData(td.name(), td.train(), td.test(),
                    SequenceClassifierTask.create(config, td.vocab(), Imdb.LABELS));
        }
        TrainingData td = TrainingData.load(config.data(), cacheRoot);
        return new RunData(td.name(), td.train(), td.test(), ClassifierTask.create(config, td.train()));
    }
}
