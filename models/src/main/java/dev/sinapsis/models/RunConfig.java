package dev.sinapsis.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines a training run; stored in its checkpoint so {@code --resume}
 * continues the same run.
 *
 * @param model       the model
 * @param data        {@code embedded}, {@code mnist}, {@code fashion-mnist} or a directory
 * @param epochs      total epochs
 * @param batchSize   examples per training batch
 * @param lr          base learning rate
 * @param optimizer   {@code sgd}, {@code adam} or {@code adamw}
 * @param weightDecay weight decay (L2 for sgd/adam, decoupled for adamw)
 * @param schedule    {@code none}, {@code cosine} or {@code step} (x0.1 every third of the epochs)
 * @param patience    early stopping: epochs without a better test loss before stopping (0: never)
 * @param seed        seed of the initial weights, the batch order and the dropout masks
 * @param trainLimit  use only the first this many training examples (0: all)
 * @param testLimit   use only the first this many test examples (0: all)
 */
public record RunConfig(ModelConfig model, String data, int epochs, int batchSize, double lr, String optimizer,
                        double weightDecay, String schedule, int patience, long seed, int trainLimit, int testLimit) {
    /** The optimizer names. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
    /** The schedule names. */
    public static final List<String> SCHEDULES = List.of("none", "cosine", "step");

    public RunConfig {
        if (model == null) {
            throw new ConfigException("a run needs a model");
        }
        if (epochs <= 0) {
            throw new ConfigException("--epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new ConfigException("--batch must be positive, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new ConfigException("--lr must be a positive number, got " + lr);
        }
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new ConfigException("unknown optimizer '" + optimizer + "'; choose one of "
                    + String.join(", ", OPTIMIZERS));
        }
        if (!SCHEDULES.contains(schedule)) {
            throw new ConfigException("unknown schedule '" + schedule + "'; choose one of "
                    + String.join(", ", SCHEDULES));
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new ConfigException("--weight-decay must be a finite number >= 0, got " + weightDecay);
        }
        if (patience < 0 || trainLimit < 0 || testLimit < 0) {
            throw new ConfigException("--patience, --train-limit and --test-limit must be >= 0");
        }
    }

    /** The same run with {@code epochs} total epochs. */
    public RunConfig withEpochs(int newEpochs) {
        return new RunConfig(model, data, newEpochs, batchSize, lr, optimizer, weightDecay, schedule, patience, seed,
                trainLimit, testLimit);
    }

    /** As checkpoint metadata (with the model's). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>(model.toMetadata());
        m.put("sinapsis.run.data", data);
        m.put("sinapsis.run.epochs", Integer.toString(epochs));
        m.put("sinapsis.run.batch", Integer.toString(batchSize));
        m.put("sinapsis.run.lr", Double.toString(lr));
        m.put("sinapsis.run.optimizer", optimizer);
        m.put("sinapsis.run.weight_decay", Double.toString(weightDecay));
        m.put("sinapsis.run.schedule", schedule);
        m.put("sinapsis.run.patience", Integer.toString(patience));
        m.put("sinapsis.run.seed", Long.toString(seed));
        m.put("sinapsis.run.train_limit", Integer.toString(trainLimit));
        m.put("sinapsis.run.test_limit", Integer.toString(testLimit));
        return m;
    }

    /**
     * Reads {@link #toMetadata()}.
     *
     * @throws ConfigException if a setting is missing, not a number where one is needed, or invalid
     */
    public static RunConfig fromMetadata(Map<String, String> m) {
        return new RunConfig(ModelConfig.fromMetadata(m), ModelSpec.require(m, "sinapsis.run.data"),
                intValue(m, "sinapsis.run.epochs"), intValue(m, "sinapsis.run.batch"),
                doubleValue(m, "sinapsis.run.lr"), ModelSpec.require(m, "sinapsis.run.optimizer"),
                doubleValue(m, "sinapsis.run.weight_decay"), ModelSpec.require(m, "sinapsis.run.schedule"),
                intValue(m, "sinapsis.run.patience"), longValue(m, "sinapsis.run.seed"),
                intValue(m, "sinapsis.run.train_limit"), intValue(m, "sinapsis.run.test_limit"));
    }

    /** The metadata value {@code key} as an int. */
    static int intValue(Map<String, String> m, String key) {
        String v = ModelSpec.require(m, key);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw notA(key, v, "an integer", e);
        }
    }

    /** The metadata value {@code key} as a long. */
    static long longValue(Map<String, String> m, String key) {
        String v = ModelSpec.require(m, key);
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw notA(key, v, "an integer", e);
        }
    }

    /** The metadata value {@code key} as a double. */
    static double doubleValue(Map<String, String> m, String key) {
        String v = ModelSpec.require(m, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw notA(key, v, "a number", e);
        }
    }

    static ConfigException notA(String key, String value, String what, Throwable cause) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return new ConfigException("checkpoint metadata '" + key + "' is \"" + shown + "\", not " + what, cause);
    }
}
