package dev.sinapsis.metrics;

import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs, accumulated over batches, and the per-class and
 * averaged precision, recall and F1 derived from them.
 *
 * <p>Row {@code i}, column {@code j} counts samples of true class {@code i} predicted as {@code j}
 * (the convention of {@code sklearn.metrics.confusion_matrix}). Metrics follow scikit-learn with
 * {@code labels=range(numClasses)} and {@code zero_division=0}: a ratio whose denominator is zero
 * is 0, and every class takes part in the macro average, including classes never seen.
 *
 * <pre>{@code
 * ConfusionMatrix cm = new ConfusionMatrix(List.of("cat", "dog", "bird"));
 * for (Batch b : validation) cm.add(model.forward(b.x()), b.y());
 * System.out.println(cm);            // aligned table
 * System.out.println(cm.report());   // precision / recall / f1 / support, like classification_report
 * double macroF1 = cm.f1(ConfusionMatrix.Average.MACRO);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ConfusionMatrix {
    /** How per-class values are combined. */
    public enum Average {
        /** Unweighted mean over classes. */
        MACRO,
        /** From the pooled counts of all classes; for single-label data equal to accuracy. */
        MICRO,
        /** Mean over classes weighted by support (number of true samples). */
        WEIGHTED
    }

    private final int numClasses;
    private final List<String> labels;
    private final long[][] counts;

    /** An empty matrix for classes {@code 0 .. numClasses-1}, labelled by their index. */
    public ConfusionMatrix(int numClasses) {
        this(numClasses, null);
    }

    /** An empty matrix with one class per label, in order. */
    public ConfusionMatrix(List<String> labels) {
        this(labels.size(), labels);
    }

    private ConfusionMatrix(int numClasses, List<String> labels) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("ConfusionMatrix: numClasses must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        List<String> l = new ArrayList<>();
        for (int i = 0; i < numClasses; i++) {
            String s = labels == null ? Integer.toString(i) : labels.get(i);
            if (s == null) {
                throw new IllegalArgumentException("ConfusionMatrix: label " + i + " is null");
            }
            l.add(s);
        }
        this.labels = Collections.unmodifiableList(l);
        this.counts = new long[numClasses][numClasses];
    }

    /** The number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** The class labels (the indices as text unless given). */
    public List<String> labels() {
        return labels;
    }

    /**
     * Adds a batch. {@code predictions} are class labels of the targets' shape, or scores with the
     * class axis at position 1 ({@code [N, C, ...]}, arg-max taken) as in {@link Accuracy#of}.
     * The whole batch is checked before anything is counted.
     *
     * @return this
     */
    public ConfusionMatrix add(Tensor predictions, Tensor targets) {
        int[] t = Labels.classes("ConfusionMatrix.add", "targets", targets, numClasses);
        int[] p = Labels.predicted("ConfusionMatrix.add", predictions, targets, numClasses);
        return addChecked(p, t);
    }

    /**
     * Adds a batch of predicted and true class indices, checked before anything is counted.
     *
     * @return this
     */
    public ConfusionMatrix add(int[] predicted, int[] targets) {
        if (predicted.length != targets.length) {
            throw new IllegalArgumentException("ConfusionMatrix.add: " + predicted.length + " predictions but "
                    + targets.length + " targets");
        }
        for (int i = 0; i < predicted.length; i++) {
            Labels.checkClass("ConfusionMatrix.add", "predictions", i, predicted[i], numClasses);
            Labels.checkClass("ConfusionMatrix.add", "targets", i, targets[i], numClasses);
        }
        return addChecked(predicted, targets);
    }

    /** Adds one sample; returns this. */
    public ConfusionMatrix add(int predicted, int target) {
        return add(new int[] {predicted}, new int[] {target});
    }

    private ConfusionMatrix addChecked(int[] predicted, int[] targets) {
        for (int i = 0; i < predicted.length; i++) {
            counts[targets[i]][predicted[i]]++;
        }
        return this;
    }

    /** Adds another matrix's counts (e.g. from another worker); returns this. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("ConfusionMatrix.merge: " + other.numClasses + " classes into "
                    + numClasses);
        }
        for (int i = 0; i < numClasses; i++) {
            for (int j = 0; j < numClasses; j++) {
                counts[i][j] += other.counts[i][j];
            }
        }
        return this;
    }

    /** Sets every count to zero. */
    public void reset() {
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
    }

    /** Samples of true class {@code target} predicted as {@code predicted}. */
    public long count(int target, int predicted) {
        return counts[target][predicted];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] counts() {
        long[][] out = new long[numClasses][];
        for (int i = 0; i < numClasses; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /** All samples counted. */
    public long total() {
        long n = 0;
        for (int i = 0; i < numClasses; i++) {
            n += support(i);
        }
        return n;
    }

    /** Samples whose true class is {@code c} (row sum). */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    /** Samples predicted as {@code c} (column sum). */
    public long predictedCount(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Correct samples over all samples; 0 when empty. */
    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < numClasses; i++) {
            correct += counts[i][i];
        }
        return ratio(correct, total());
    }

    /** Of the samples predicted as {@code c}, the fraction truly {@code c}: TP / (TP + FP); 0 if none. */
    public double precision(int c) {
        return ratio(counts[c][c], predictedCount(c));
    }

    /** Of the samples truly {@code c}, the fraction predicted {@code c}: TP / (TP + FN); 0 if none. */
    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /**
     * Harmonic mean of precision and recall, {@code 2 TP / (2 TP + FP + FN)}; 0 when the class was
     * neither present nor predicted.
     */
    public double f1(int c) {
        long tp = counts[c][c];
        return ratio(2 * tp, support(c) + predictedCount(c));
    }

    /** Precision averaged over classes. */
    public double precision(Average average) {
        return average(average, this::precision);
    }

    /** Recall averaged over classes; {@link Average#WEIGHTED} recall equals accuracy. */
    public double recall(Average average) {
        return average(average, this::recall);
    }

    /** F1 averaged over classes (macro: the mean of per-class F1, not the F1 of macro precision and recall). */
    public double f1(Average average) {
        return average(average, this::f1);
    }

    private double average(Average average, java.util.function.IntToDoubleFunction perClass) {
        switch (average) {
            case MICRO:
                // single-label: pooled TP = trace, pooled TP+FP = pooled TP+FN = total
                return accuracy();
            case MACRO: {
                double sum = 0;
                for (int c = 0; c < numClasses; c++) {
                    sum += perClass.applyAsDouble(c);
                }
                return sum / numClasses;
            }
            case WEIGHTED: {
                double sum = 0;
                long total = total();
                for (int c = 0; c < numClasses; c++) {
                    sum += perClass.applyAsDouble(c) * support(c);
                }
                return total == 0 ? 0 : sum / total;
            }
            default:
                throw new IllegalArgumentException("unknown average " + average);
        }
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : (double) num / den;
    }

    /** A per-class precision / recall / F1 / support table with 4 decimals (see {@link ClassificationReport}). */
    public String report() {
        return ClassificationReport.format(this, 4);
    }

    /**
     * The counts as an aligned table, true classes down, predicted classes across:
     * <pre>
     * true\pred  cat  dog  bird
     * cat          3    1     0
     * dog          0    2     1
     * bird         1    0     2
     * </pre>
     */
    @Override
    public String toString() {
        String corner = "true\\pred";
        int first = corner.length();
        for (String l : labels) {
            first = Math.max(first, l.length());
        }
        int[] width = new int[numClasses];
        for (int j = 0; j < numClasses; j++) {
            width[j] = labels.get(j).length();
            for (int i = 0; i < numClasses; i++) {
                width[j] = Math.max(width[j], Long.toString(counts[i][j]).length());
            }
        }
        StringBuilder sb = new StringBuilder(pad(corner, first, false));
        for (int j = 0; j < numClasses; j++) {
            sb.append("  ").append(pad(labels.get(j), width[j], true));
        }
        for (int i = 0; i < numClasses; i++) {
            sb.append('\n').append(pad(labels.get(i), first, false));
            for (int j = 0; j < numClasses; j++) {
                sb.append("  ").append(pad(Long.toString(counts[i][j]), width[j], true));
            }
        }
        return sb.toString();
    }

    static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
