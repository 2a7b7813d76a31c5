package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;

/**
 * How a classifier's predictions spread over the classes, to catch mode collapse and garbage:
 * the histogram of predicted classes (arg-max), how many classes occur in it, its entropy, and the
 * share of samples predicted with probability above a confidence threshold.
 *
 * <pre>{@code
 * ClassCoverage c = ClassCoverage.of(classifier.probabilities(samples), 0.9);
 * c.present();            // 10 of 10 digits among the samples
 * c.confidentFraction();  // share labelled with p > 0.9
 * }</pre>
 *
 * @param histogram         samples predicted as each class
 * @param confident         samples whose largest probability exceeds {@code threshold}
 * @param threshold         the confidence threshold
 */
public record ClassCoverage(long[] histogram, long confident, double threshold) {
    /** The usual threshold: "confident" means p > 0.9. */
    public static final double DEFAULT_THRESHOLD = 0.9;

    /** Copies the histogram (the record is immutable). */
    public ClassCoverage {
        histogram = histogram.clone();
    }

    /** The coverage of class probabilities {@code [N, C]} with the given confidence threshold. */
    public static ClassCoverage of(Tensor probabilities, double threshold) {
        return of(Probabilities.rows("ClassCoverage.of", probabilities), threshold);
    }

    /** The coverage of {@code N} rows of {@code C} class probabilities. */
    public static ClassCoverage of(double[][] probabilities, double threshold) {
        double[][] p = Probabilities.check("ClassCoverage.of", probabilities);
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("ClassCoverage.of: the threshold must be in [0, 1), got " + threshold);
        }
        long[] hist = new long[p[0].length];
        long confident = 0;
        for (double[] row : p) {
            int k = Probabilities.argmax(row);
            hist[k]++;
            if (row[k] > threshold) {
                confident++;
            }
        }
        return new ClassCoverage(hist, confident, threshold);
    }

    @Override
    public long[] histogram() {
        return histogram.clone();
    }

    /** The number of samples. */
    public long total() {
        long t = 0;
        for (long h : histogram) {
            t += h;
        }
        return t;
    }

    /** The number of classes C. */
    public int classes() {
        return histogram.length;
    }

    /** How many classes were predicted at least once. */
    public int present() {
        int k = 0;
        for (long h : histogram) {
            if (h > 0) {
                k++;
            }
        }
        return k;
    }

    /** The share of samples predicted with probability above the threshold. */
    public double confidentFraction() {
        return (double) confident / total();
    }

    /**
     * The entropy of the predicted-class histogram in nats: 0 when every sample falls in one class
     * (mode collapse), {@code ln C} (2.303 for ten classes) when the classes are equally frequent.
     */
    public double entropy() {
        double n = total();
        double h = 0;
        for (long c : histogram) {
            if (c > 0) {
                double q = c / n;
                h -= q * Math.log(q);
            }
        }
        return h;
    }
}
