package dev.sinapsis.examples.perceptron;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * Rosenblatt's perceptron, trained on several problems at once with tensor ops: problem
 * {@code p} has weights {@code W[p] = (w_1 … w_k, b)} and outputs {@code y = step(w·x + b)}
 * (1 when positive, else 0). The perceptron rule visits the examples one at a time and moves
 * each problem's weights by {@code η (t − y) (x, 1)}: nothing when the output was right.
 */
public final class Perceptron {
    private final Tensor weights;

    /** {@code problems} perceptrons with {@code inputs} inputs, weights and biases uniform in [−0.5, 0.5). */
    public Perceptron(int problems, int inputs, Generator gen) {
        this.weights = Tensor.uniform(gen, Shape.of(problems, inputs + 1), DType.F32, -0.5, 0.5);
    }

    /** The inputs with a column of ones appended (the bias input). */
    public static Tensor withBias(Tensor x) {
        return Tensor.concat(1, x, Tensor.ones(Shape.of(x.dim(0), 1), x.dtype()));
    }

    /** The outputs (0 or 1) of every problem on every row of {@code x} ({@code [n, k]}): {@code [problems, n]}. */
    public Tensor outputs(Tensor x) {
        return weights.matmul(withBias(x).t()).gt(0).to(DType.F32);
    }

    /**
     * One pass of the perceptron rule over the rows of {@code x} in {@code order}, against
     * {@code targets} ({@code [problems, n]} of 0/1) with learning rate {@code lr}.
     *
     * @return each problem's number of misclassified examples during the pass
     */
    public int[] epoch(Tensor x, Tensor targets, int[] order, double lr) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor xb = withBias(x);
            Tensor errors = Tensor.zeros(Shape.of(weights.dim(0)), DType.F32);
            for (int i : order) {
                Tensor xi = xb.select(0, i);                                   // [k + 1]
                Tensor y = weights.matmul(xi.unsqueeze(1)).squeeze(1).gt(0).to(DType.F32);
                Tensor delta = targets.select(1, i).sub(y);                    // t − y per problem
                weights.addInPlace(delta.unsqueeze(1).mul(xi.unsqueeze(0)), lr);
                errors = errors.add(delta.abs());
            }
            float[] e = errors.toFloatArray();
            int[] out = new int[e.length];
            for (int p = 0; p < e.length; p++) {
                out[p] = Math.round(e[p]);
            }
            return out;
        }
    }

    /** The weights, one row per problem: {@code (w_1 … w_k, b)}. */
    public double[][] weights() {
        float[] w = weights.toFloatArray();
        int cols = weights.dim(1);
        double[][] out = new double[weights.dim(0)][cols];
        for (int i = 0; i < w.length; i++) {
            out[i / cols][i % cols] = w[i];
        }
        return out;
    }
}
