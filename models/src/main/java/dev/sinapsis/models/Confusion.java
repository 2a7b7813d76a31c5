package dev.sinapsis.models;

import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, with accuracy and per-class precision, recall
 * and F1 (0 where undefined, as scikit-learn's {@code zero_division=0}).
 */
public final class Confusion {
    private final long[][] counts;

    /** An empty matrix over {@code classes} classes. */
    public Confusion(int classes) {
        counts = new long[classes][classes];
    }

    /** Adds one batch of labels and predictions. */
    public void add(long[] targets, long[] predictions) {
        for (int i = 0; i < targets.length; i++) {
            counts[(int) targets[i]][(int) predictions[i]]++;
        }
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Count of examples of class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** Number of examples counted. */
    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Fraction predicted correctly. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < counts.length; i++) {
            correct += counts[i][i];
        }
        long t = total();
        return t == 0 ? 0 : (double) correct / t;
    }

    /** Of the examples predicted as {@code c}, the fraction that are {@code c}. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the fraction predicted as {@code c}. */
    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    /** Harmonic mean of precision and recall. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += f1(c);
        }
        return s / counts.length;
    }

    /** The matrix as a table, rows = true class, columns = predicted class. */
    public String table() {
        int width = Math.max(5, Long.toString(total()).length() + 1);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s", "true\\pred"));
        for (int c = 0; c < counts.length; c++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        sb.append('\n');
        for (int t = 0; t < counts.length; t++) {
            sb.append(String.format(Locale.ROOT, "%-10d", t));
            for (int p = 0; p < counts.length; p++) {
                sb.append(String.format(Locale.ROOT, "%" + width + "d", counts[t][p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Per-class precision, recall, F1 and support as a table, with the macro average. */
    public String perClassTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-7s %9s %9s %9s %9s%n",
                "class", "precision", "recall", "f1", "support"));
        double mp = 0;
        double mr = 0;
        for (int c = 0; c < counts.length; c++) {
            long support = 0;
            for (long v : counts[c]) {
                support += v;
            }
            sb.append(String.format(Locale.ROOT, "%-7d %9.4f %9.4f %9.4f %9d%n", c, precision(c), recall(c), f1(c),
                    support));
            mp += precision(c);
            mr += recall(c);
        }
        sb.append(String.format(Locale.ROOT, "%-7s %9.4f %9.4f %9.4f %9d%n", "macro", mp / counts.length,
                mr / counts.length, macroF1(), total()));
        return sb.toString();
    }

    /** The counts, row = true class. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }
}
