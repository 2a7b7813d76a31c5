package dev.sinapsis.examples.hopfield;

import dev.sinapsis.tensor.Tensor;

/**
 * A batch of {@code T} Hopfield networks of {@code N} bipolar (+1/-1) neurons, each probed by
 * {@code Q} states at once: weights {@code [T, N, N]}, states {@code [T, Q, N]}.
 *
 * <p>Storage is Hebbian, {@code W = P^T P / N} with a zero diagonal, where the rows of {@code P} are
 * the stored patterns. An asynchronous update sets one neuron {@code i} of every state to the sign
 * of its local field {@code h_i = sum_j W_ij s_j} (kept when {@code h_i = 0}); with symmetric weights
 * and a zero diagonal it never raises the energy {@code E = -1/2 s^T W s}, since it changes
 * {@code E} by {@code -(s_i' - s_i) h_i <= 0}. With {@code N} a power of two every weight and every
 * energy is a sum of multiples of {@code 1/N} that F32 holds exactly.
 */
public final class HopfieldNetwork {
    private final Tensor weights;
    private final int neurons;

    private HopfieldNetwork(Tensor weights) {
        this.weights = weights;
        this.neurons = weights.dim(2);
    }

    /** Stores {@code patterns} ({@code [T, P, N]} of +1/-1, one set of {@code P} per network) by the Hebb rule. */
    public static HopfieldNetwork store(Tensor patterns) {
        if (patterns.rank() != 3) {
            throw new IllegalArgumentException("hopfield: patterns must be [networks, patterns, neurons], got "
                    + patterns.shape());
        }
        int n = patterns.dim(2);
        Tensor offDiagonal = Tensor.ones(n, n).sub(Tensor.eye(n));
        return new HopfieldNetwork(patterns.transpose(1, 2).matmul(patterns).div(n).mul(offDiagonal));
    }

    /**
     * Networks with the given weights {@code [T, N, N]} (symmetric, zero diagonal: the energy argument
     * needs both), e.g. several Hebbian networks storing different numbers of patterns, concatenated.
     */
    public static HopfieldNetwork fromWeights(Tensor weights) {
        if (weights.rank() != 3 || weights.dim(1) != weights.dim(2)) {
            throw new IllegalArgumentException("hopfield: weights must be [networks, neurons, neurons], got "
                    + weights.shape());
        }
        return new HopfieldNetwork(weights);
    }

    /** The weights {@code [T, N, N]}. */
    public Tensor weights() {
        return weights;
    }

    /** Neurons per network. */
    public int neurons() {
        return neurons;
    }

    /** The energy {@code -1/2 s^T W s} of every state: {@code [T, Q]}. */
    public Tensor energy(Tensor states) {
        return states.matmul(weights).mul(states).sum(2).mul(-0.5);
    }

    /**
     * Updates neuron {@code i} of every state in place (an asynchronous update): it takes the sign
     * of its local field, or keeps its value where the field is zero.
     */
    public void update(Tensor states, int i) {
        Tensor field = states.matmul(weights.narrow(2, i, 1));         // W is symmetric: column i = row i
        Tensor unit = states.narrow(2, i, 1);
        unit.copyFrom(Tensor.where(field.eq(0), unit, field.sign()));
    }

    /** One sweep: every neuron updated once, in {@code order} (a permutation of the neurons). */
    public void sweep(Tensor states, int[] order) {
        if (order.length != neurons) {
            throw new IllegalArgumentException("hopfield: a sweep visits " + neurons + " neurons, got " + order.length);
        }
        for (int i : order) {
            update(states, i);
        }
    }

    /** The overlap {@code m = s . p / N} of every state with its target pattern ({@code [T, Q, N]}): {@code [T, Q]}. */
    public static Tensor overlap(Tensor states, Tensor targets) {
        return states.mul(targets).mean(2);
    }
}
