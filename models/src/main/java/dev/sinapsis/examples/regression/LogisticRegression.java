package dev.sinapsis.examples.regression;

import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Logistic regression {@code p = σ(Xw + b)} fitted by minimising the mean cross-entropy
 * {@code J = −1/n Σ [y log p + (1 − y) log(1 − p)]}, whose gradient is {@code 1/n Xᵀ(p − y)}:
 * by batch gradient descent, and by Newton's method ({@code w ← w − H⁻¹∇J} with the Hessian
 * {@code H = 1/n Xᵀ diag(p(1 − p)) X}) as the reference fit it must reach.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /** The mean cross-entropy of weights {@code w} (bias last) on {@code x} ({@code [n, d]}) and labels {@code y} ({@code [n]} of 0/1). */
    public static double crossEntropy(Tensor x, Tensor y, double[] w) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor logits = Design.withBias(x).matmul(Design.column(w, x)).squeeze(1);
            return Losses.bceWithLogits(logits, y).item();
        }
    }

    /** Batch gradient descent from zero weights, {@code epochs} steps of size {@code lr}. */
    public static Fit gradientDescent(Tensor x, Tensor y, int epochs, double lr) {
        int n = x.dim(0);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = Design.withBias(x);
            Tensor w = Tensor.zeros(Shape.of(a.dim(1), 1), x.dtype());
            List<Double> losses = new ArrayList<>();
            List<double[]> path = new ArrayList<>();
            for (int epoch = 0; epoch < epochs; epoch++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor p = a.matmul(w).sigmoid();
                    Tensor grad = a.t().matmul(p.sub(y.unsqueeze(1))).div(n);                // 1/n Xᵀ(p − y)
                    w.addInPlace(grad, -lr);
                }
                path.add(Design.values(w));
                losses.add(crossEntropy(x, y, Design.values(w)));
            }
            return new Fit(Design.values(w), losses, path);
        }
    }

    /** Newton's method from zero weights for {@code iterations} steps (it converges in a handful). */
    public static double[] newton(Tensor x, Tensor y, int iterations) {
        int n = x.dim(0);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = Design.withBias(x);
            int k = a.dim(1);
            double[] w = new double[k];
            for (int it = 0; it < iterations; it++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor p = a.matmul(Design.column(w, x)).sigmoid();                     // [n, 1]
                    double[] g = a.t().matmul(p.sub(y.unsqueeze(1))).div(n).to(DType.F64).toDoubleArray();
                    Tensor s = p.mul(p.neg().add(1));                                        // p(1 − p)
                    double[] h = a.t().matmul(a.mul(s)).div(n).to(DType.F64).toDoubleArray();
                    double[][] hm = new double[k][k];
                    for (int i = 0; i < k; i++) {
                        System.arraycopy(h, i * k, hm[i], 0, k);
                    }
                    double[] d = new LUDecomposition(new Array2DRowRealMatrix(hm, false)).getSolver()
                            .solve(new ArrayRealVector(g, false)).toArray();
                    for (int i = 0; i < k; i++) {
                        w[i] -= d[i];
                    }
                }
            }
            return w;
        }
    }

    /** The fraction of rows whose predicted class ({@code p > 0.5}) is the label. */
    public static double accuracy(Tensor x, Tensor y, double[] w) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor predicted = Design.withBias(x).matmul(Design.column(w, x)).squeeze(1).gt(0).to(y.dtype());
            return predicted.eq(y).to(DType.F32).mean().item();
        }
    }
}
