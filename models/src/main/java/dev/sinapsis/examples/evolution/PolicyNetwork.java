package dev.sinapsis.examples.evolution;

/**
 * The policy neuroevolution trains: a 4-{@code hidden}-1 network with tanh hidden units whose output's
 * sign chooses the push. Its weights are one flat vector, the genome: hidden weights (row by row),
 * hidden biases, output weights, output bias. The state is scaled to about [-1, 1] first.
 *
 * @param hidden  hidden units
 * @param weights the genome, {@link #genes(int)} values
 */
public record PolicyNetwork(int hidden, double[] weights) implements CartPole.Controller {
    /** Checks the genome's length. */
    public PolicyNetwork {
        if (weights.length != genes(hidden)) {
            throw new IllegalArgumentException("a 4-" + hidden + "-1 policy has " + genes(hidden) + " weights, got "
                    + weights.length);
        }
    }

    private static final double[] SCALE = {1 / CartPole.X_LIMIT, 0.5, 1 / CartPole.THETA_LIMIT, 0.5};

    /** The genome's length for {@code hidden} hidden units. */
    public static int genes(int hidden) {
        return 4 * hidden + hidden + hidden + 1;
    }

    /** The network's output before the sign (positive: push right). */
    public double output(CartPole s) {
        double[] in = {s.x() * SCALE[0], s.xDot() * SCALE[1], s.theta() * SCALE[2], s.thetaDot() * SCALE[3]};
        int bias = 4 * hidden;
        int out = 5 * hidden;
        double y = weights[out + hidden];
        for (int j = 0; j < hidden; j++) {
            double a = weights[bias + j];
            for (int i = 0; i < 4; i++) {
                a += weights[4 * j + i] * in[i];
            }
            y += weights[out + j] * Math.tanh(a);
        }
        return y;
    }

    @Override
    public boolean pushRight(CartPole state) {
        return output(state) > 0;
    }
}
