package dev.sinapsis.examples.regression;

import java.util.List;

/**
 * The outcome of fitting a linear model by gradient descent.
 *
 * @param weights the weights, the bias last
 * @param losses  the loss on the whole data set after each epoch
 * @param path    the weights after each epoch
 */
public record Fit(double[] weights, List<Double> losses, List<double[]> path) {
    /** The largest absolute difference from {@code other}'s weights. */
    public double distance(double[] other) {
        double d = 0;
        for (int i = 0; i < weights.length; i++) {
            d = Math.max(d, Math.abs(weights[i] - other[i]));
        }
        return d;
    }
}
