package dev.sinapsis.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link Trainer}'s counters, saved in the checkpoint's metadata: completed epochs and their
 * statistics, the optimizer step, early stopping, timings, and the running sums of the task's
 * training figures in the epoch in progress (zero at an epoch boundary), so that a run resumed
 * from a mid-epoch checkpoint computes the same per-epoch figures as one that never stopped.
 * Doubles are written with {@link Double#toString}, which reads back to the same bits.
 */
final class TrainingState {
    /** Names of the training figures {@link #sums} holds. */
    private final List<String> figures;
    /** Names of the per-epoch figures of {@link #history}. */
    private final List<String> columns;

    static final String RUN_ID = "sinapsis.run_id";
    static final String EPOCH = "sinapsis.epoch";
    static final String STEP = "sinapsis.step";
    private static final String BEST = "sinapsis.early_stopping.best";
    private static final String WAIT = "sinapsis.early_stopping.wait";
    private static final String SECONDS = "sinapsis.train_seconds";
    private static final String TRAIN_SAMPLES = "sinapsis.train_samples";
    private static final String TRAIN_ONLY_SECONDS = "sinapsis.train_only_seconds";
    private static final String HISTORY = "sinapsis.history";
    private static final String HISTORY_COLUMNS = "sinapsis.history.columns";
    private static final String BATCHES = "sinapsis.epoch_progress.batches";
    private static final String SUM = "sinapsis.epoch_progress.sum.";
    private static final String SEEN = "sinapsis.epoch_progress.seen";
    private static final String EPOCH_SECONDS = "sinapsis.epoch_progress.train_seconds";

    /** Identifies the run across resumes; stamps the derived model file (see {@link RunDirectory}). */
    String runId = UUID.randomUUID().toString();
    int epochsDone;
    long step;
    double best = Double.POSITIVE_INFINITY;
    int wait;
    double seconds;
    double trainOnlySeconds;
    long trainSamples;
    final List<EpochStats> history = new ArrayList<>();

    /** Batches of epoch {@code epochsDone + 1} already trained. */
    int batchesDone;
    /** Per training figure, its sum over the examples of the epoch so far. */
    final double[] sums;
    int seen;
    double epochTrainSeconds;

    /** The state of a run whose task reports training figures {@code figures} and per-epoch {@code columns}. */
    TrainingState(List<String> figures, List<String> columns) {
        this.figures = List.copyOf(figures);
        this.columns = List.copyOf(columns);
        this.sums = new double[figures.size()];
    }

    /** The per-epoch figures' names. */
    List<String> columns() {
        return columns;
    }

    /** Whether the state is inside an epoch (a mid-epoch checkpoint). */
    boolean midEpoch() {
        return batchesDone > 0;
    }

    /** Clears the running statistics when an epoch ends. */
    void startNextEpoch() {
        batchesDone = 0;
        java.util.Arrays.fill(sums, 0);
        seen = 0;
        epochTrainSeconds = 0;
    }

    /** "epoch 3, step 45": where a checkpoint of this state stands (the epoch in progress, or the last one ended). */
    String position() {
        return "epoch " + (midEpoch() ? epochsDone + 1 : epochsDone) + ", step " + step;
    }

    void write(Map<String, String> meta) {
        meta.put(RUN_ID, runId);
        meta.put(EPOCH, Integer.toString(epochsDone));
        meta.put(STEP, Long.toString(step));
        meta.put(BEST, Double.toString(best));
        meta.put(WAIT, Integer.toString(wait));
        meta.put(SECONDS, Double.toString(seconds));
        meta.put(TRAIN_ONLY_SECONDS, Double.toString(trainOnlySeconds));
        meta.put(TRAIN_SAMPLES, Long.toString(trainSamples));
        StringBuilder h = new StringBuilder();
        for (EpochStats e : history) {
            h.append(h.length() == 0 ? "" : ";").append(e.toCsv());
        }
        meta.put(HISTORY, h.toString());
        meta.put(HISTORY_COLUMNS, String.join(",", columns));
        meta.put(BATCHES, Integer.toString(batchesDone));
        for (int i = 0; i < figures.size(); i++) {
            meta.put(SUM + figures.get(i), Double.toString(sums[i]));
        }
        meta.put(SEEN, Integer.toString(seen));
        meta.put(EPOCH_SECONDS, Double.toString(epochTrainSeconds));
    }

    /**
     * Reads {@link #write}'s keys; checkpoints written before mid-epoch saving existed have no
     * progress keys and no run id, and are at an epoch boundary; those written before tasks existed
     * (a classifier's) name no history columns and keep the loss and correct counts under their
     * own keys.
     *
     * @throws IllegalArgumentException if a key is missing or malformed
     */
    void read(Map<String, String> meta) {
        runId = meta.getOrDefault(RUN_ID, runId);
        epochsDone = Integer.parseInt(ModelSpec.require(meta, EPOCH));
        step = Long.parseLong(ModelSpec.require(meta, STEP));
        best = Double.parseDouble(ModelSpec.require(meta, BEST));
        wait = Integer.parseInt(ModelSpec.require(meta, WAIT));
        seconds = Double.parseDouble(ModelSpec.require(meta, SECONDS));
        trainOnlySeconds = Double.parseDouble(ModelSpec.require(meta, TRAIN_ONLY_SECONDS));
        trainSamples = Long.parseLong(ModelSpec.require(meta, TRAIN_SAMPLES));
        String savedColumns = meta.get(HISTORY_COLUMNS);
        if (savedColumns != null && !savedColumns.equals(String.join(",", columns))) {
            throw new IllegalArgumentException("the history records " + savedColumns + ", this run's task reports "
                    + String.join(",", columns));
        }
        history.clear();
        for (String row : meta.getOrDefault(HISTORY, "").split(";")) {
            if (!row.isBlank()) {
                history.add(EpochStats.fromCsv(columns, row));
            }
        }
        batchesDone = Integer.parseInt(meta.getOrDefault(BATCHES, "0"));
        for (int i = 0; i < figures.size(); i++) {
            String name = figures.get(i);
            String legacy = name.equals("loss") ? "sinapsis.epoch_progress.loss_sum"
                    : name.equals("accuracy") ? "sinapsis.epoch_progress.correct" : null;
            String v = meta.get(SUM + name);
            sums[i] = Double.parseDouble(v != null ? v : legacy != null ? meta.getOrDefault(legacy, "0") : "0");
        }
        seen = Integer.parseInt(meta.getOrDefault(SEEN, "0"));
        epochTrainSeconds = Double.parseDouble(meta.getOrDefault(EPOCH_SECONDS, "0"));
        if (history.size() != epochsDone) {
            // one history row per epoch done: a count that disagrees is corrupt (and a huge one would
            // make resuming replay that many scheduler steps)
            throw new IllegalArgumentException("inconsistent trainer state: epoch " + epochsDone + " but the history"
                    + " has " + history.size() + " epoch(s)");
        }
        if (epochsDone < 0 || step < 0 || batchesDone < 0 || seen < 0) {
            throw new IllegalArgumentException("inconsistent trainer state: epoch " + epochsDone + ", step " + step
                    + ", " + batchesDone + " batches / " + seen + " examples into the next epoch");
        }
    }
}
