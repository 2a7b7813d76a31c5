package dev.sinapsis.models;

import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Tensor;

/**
 * {@code (x - mean) / std} with fixed constants (no parameters): centres the inputs so the first
 * layer starts learning at once. The models use MNIST's pixel statistics, mean 0.1307 and
 * standard deviation 0.3081 of pixels scaled to [0, 1].
 */
public final class Standardize extends Module {
    /** Mean of MNIST's training pixels in [0, 1]. */
    public static final double MNIST_MEAN = 0.1307;
    /** Standard deviation of MNIST's training pixels in [0, 1]. */
    public static final double MNIST_STD = 0.3081;

    private final double mean;
    private final double std;

    /** Subtracts {@code mean} and divides by {@code std}. */
    public Standardize(double mean, double std) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("Standardize: std must be positive, got " + std);
        }
        this.mean = mean;
        this.std = std;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.sub(mean).mul(1 / std);
    }

    @Override
    public String toString() {
        return "Standardize(mean=" + mean + ", std=" + std + ")";
    }
}
