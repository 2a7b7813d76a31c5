package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;

/**
 * The Inception Score of Salimans et al. 2016, on any classifier's probabilities:
 * {@code IS = exp(E_x[KL(p(y|x) || p(y))])}, where {@code p(y)} is the mean of the rows. It is 1
 * when every sample gets the same prediction, and the number of classes C when every sample is
 * classified with certainty and the classes are equally frequent: high when samples are both
 * recognisable and varied. Here the classifier is the project's MNIST / Fashion-MNIST
 * {@link FeatureClassifier} (the real MNIST test images score about 9.9), computed over one split
 * (no averaging over ten splits as in the original, which only adds a spread).
 */
public final class InceptionScore {
    private InceptionScore() {
    }

    /** The score of class probabilities {@code [N, C]} (rows summing to 1). */
    public static double of(Tensor probabilities) {
        return of(Probabilities.rows("InceptionScore.of", probabilities));
    }

    /** The score of {@code N} rows of {@code C} class probabilities. */
    public static double of(double[][] probabilities) {
        double[][] p = Probabilities.check("InceptionScore.of", probabilities);
        int n = p.length;
        int c = p[0].length;
        double[] marginal = new double[c];
        for (double[] row : p) {
            for (int j = 0; j < c; j++) {
                marginal[j] += row[j] / n;
            }
        }
        double kl = 0;
        for (double[] row : p) {
            for (int j = 0; j < c; j++) {
                if (row[j] > 0) { // 0 log 0 = 0; marginal[j] >= row[j] / n > 0 here
                    kl += row[j] * (Math.log(row[j]) - Math.log(marginal[j]));
                }
            }
        }
        return Math.exp(kl / n);
    }
}
