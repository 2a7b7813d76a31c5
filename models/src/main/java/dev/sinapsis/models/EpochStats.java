package dev.sinapsis.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one epoch measured: the task's figures, {@code train_NAME} (running means over the epoch's
 * training batches, dropout on) then {@code eval_NAME} (on the evaluation split), in the task's order.
 *
 * @param epoch         1-based epoch number
 * @param learningRate  the learning rate used in this epoch (of the task's first optimizer)
 * @param metrics       figure name to value, in the task's order
 * @param seconds       wall time of the epoch's training (without evaluation)
 * @param samplesPerSec training examples per second in this epoch
 */
public record EpochStats(int epoch, double learningRate, Map<String, Double> metrics, double seconds,
                         double samplesPerSec) {
    public EpochStats {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The figure {@code name} ({@code train_loss}, {@code eval_accuracy}, ...), NaN if the epoch has none. */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    /** Mean training loss over the epoch. */
    public double trainLoss() {
        return metric("train_loss");
    }

    /** Fraction of training examples classified correctly (dropout on). */
    public double trainAccuracy() {
        return metric("train_accuracy");
    }

    /** Mean loss on the evaluation split. */
    public double evalLoss() {
        return metric("eval_loss");
    }

    /** Accuracy on the evaluation split. */
    public double evalAccuracy() {
        return metric("eval_accuracy");
    }

    /** The CSV header of epochs with figures {@code metricNames}. */
    public static String csvHeader(List<String> metricNames) {
        return "epoch,lr," + String.join(",", metricNames) + (metricNames.isEmpty() ? "" : ",")
                + "seconds,samples_per_sec";
    }

    /** One CSV row (full precision, so a resumed run writes the same file). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder().append(epoch).append(',').append(learningRate);
        for (double v : metrics.values()) {
            sb.append(',').append(v);
        }
        return sb.append(',').append(seconds).append(',').append(samplesPerSec).toString();
    }

    /** Parses {@link #toCsv()} of an epoch whose figures are {@code metricNames}. */
    public static EpochStats fromCsv(List<String> metricNames, String row) {
        String[] f = row.split(",", -1);
        if (f.length != metricNames.size() + 4) {
            throw new IllegalArgumentException("an epoch row needs " + (metricNames.size() + 4) + " fields ("
                    + csvHeader(metricNames) + "), got '" + row + "'");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < metricNames.size(); i++) {
            metrics.put(metricNames.get(i), Double.parseDouble(f[2 + i]));
        }
        int n = f.length;
        return new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), metrics, Double.parseDouble(f[n - 2]),
                Double.parseDouble(f[n - 1]));
    }

    /** The figures' base names in order of first appearance: {@code loss, accuracy} for {@code train_loss, ..., eval_accuracy}. */
    public static List<String> baseNames(List<String> metricNames) {
        List<String> out = new ArrayList<>();
        for (String m : metricNames) {
            String base = m.substring(m.indexOf('_') + 1);
            if (!out.contains(base)) {
                out.add(base);
            }
        }
        return out;
    }
}
