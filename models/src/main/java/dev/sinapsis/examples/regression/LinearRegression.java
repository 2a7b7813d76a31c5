package dev.sinapsis.examples.regression;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Least-squares linear regression {@code ŷ = Xw + b} two ways: the normal equation
 * {@code (XᵀX) w = Xᵀy} (the products with tensor ops, the small solve on the host), and gradient
 * descent on the mean squared error {@code E = 1/n ‖Xw − y‖²}, whose gradient is
 * {@code 2/n Xᵀ(Xw − y)}, with the whole data set per step (batch), a few rows (mini-batch) or
 * one row (online).
 */
public final class LinearRegression {
    private LinearRegression() {
    }

    /** The weights (bias last) that minimise the squared error of {@code x} ({@code [n, d]}) against {@code y} ({@code [n]}). */
    public static double[] normalEquation(Tensor x, Tensor y) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = Design.withBias(x);
            int k = a.dim(1);
            double[] gram = a.t().matmul(a).to(DType.F64).toDoubleArray();               // XᵀX
            double[] rhs = a.t().matmul(y.unsqueeze(1)).to(DType.F64).toDoubleArray();   // Xᵀy
            double[][] m = new double[k][k];
            for (int i = 0; i < k; i++) {
                System.arraycopy(gram, i * k, m[i], 0, k);
            }
            return new LUDecomposition(new Array2DRowRealMatrix(m, false)).getSolver()
                    .solve(new ArrayRealVector(rhs, false)).toArray();
        }
    }

    /** The mean squared error of weights {@code w} (bias last). */
    public static double mse(Tensor x, Tensor y, double[] w) {
        try (MemoryScope scope = MemoryScope.open()) {
            return Design.withBias(x).matmul(Design.column(w, x)).squeeze(1).sub(y).square().mean().item();
        }
    }

    /**
     * Gradient descent from zero weights: each epoch visits the rows in a shuffled order in
     * batches of {@code batch} ({@code n} for batch descent, 1 for online), stepping with the
     * learning rate {@code lr / (1 + decay · epoch)} (epochs from 0; a decaying rate lets the
     * noisy small-batch steps settle on the minimum).
     */
    public static Fit gradientDescent(Tensor x, Tensor y, int batch, int epochs, double lr, double decay,
                                      SplittableRandom rng) {
        int n = x.dim(0);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = Design.withBias(x);
            Tensor w = Tensor.zeros(dev.sinapsis.tensor.Shape.of(a.dim(1), 1), x.dtype());
            List<Double> losses = new ArrayList<>();
            List<double[]> path = new ArrayList<>();
            for (int epoch = 0; epoch < epochs; epoch++) {
                double rate = lr / (1 + decay * epoch);
                int[] order = batch >= n ? null : permutation(n, rng);
                for (int start = 0; start < n; start += batch) {
                    try (MemoryScope step = MemoryScope.open()) {
                        int size = Math.min(batch, n - start);
                        Tensor ab = a;
                        Tensor yb = y;
                        if (order != null) {
                            Tensor idx = Tensor.of(java.util.Arrays.copyOfRange(longs(order), start, start + size), size);
                            ab = a.indexSelect(0, idx);
                            yb = y.indexSelect(0, idx);
                        }
                        Tensor residual = ab.matmul(w).sub(yb.unsqueeze(1));                   // Xw − y
                        Tensor grad = ab.t().matmul(residual).mul(2.0 / size);               // 2/n Xᵀ(Xw − y)
                        w.addInPlace(grad, -rate);
                    }
                }
                path.add(Design.values(w));
                losses.add(mse(x, y, Design.values(w)));
            }
            return new Fit(Design.values(w), losses, path);
        }
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long[] longs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
