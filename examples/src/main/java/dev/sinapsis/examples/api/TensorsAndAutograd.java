package dev.sinapsis.examples.api;

import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Tensors and autograd: create tensors, broadcast, reduce, then let {@code backward()} compute a
 * gradient and compare it with the derivative worked out by hand.
 */
public final class TensorsAndAutograd {
    private TensorsAndAutograd() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints each step; returns the largest difference between autograd's gradient and the hand-derived one. */
    public static double run(PrintStream out) {
        try (MemoryScope scope = MemoryScope.open()) { // every tensor made inside is freed at the end
            Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);   // a 2x3 matrix
            Tensor row = Tensor.of(new float[] {10, 20, 30}, 3);          // broadcast over a's rows
            out.println("a + row = " + Arrays.toString((a.add(row)).toFloatArray()));
            out.println("a.sum(0) = " + Arrays.toString(a.sum(0).toFloatArray()) + ", a.mean() = " + a.mean().item());
            out.println("a @ a^T = " + Arrays.toString(a.matmul(a.t()).toFloatArray()) + " shape "
                    + a.matmul(a.t()).shape());

            // f(x) = sum(x^2 * w): autograd records each op, backward() walks them in reverse
            Tensor x = Tensor.of(new double[] {1, -2, 3}, 3).requiresGrad(true);
            Tensor w = Tensor.of(new double[] {0.5, 2, -1}, 3);
            Tensor f = x.square().mul(w).sum();
            f.backward();
            double[] grad = x.grad().toDoubleArray();
            double[] byHand = new double[3];
            double[] xs = {1, -2, 3};
            double[] ws = {0.5, 2, -1};
            double worst = 0;
            for (int i = 0; i < 3; i++) {
                byHand[i] = 2 * xs[i] * ws[i];                             // d/dx_i of x_i^2 w_i
                worst = Math.max(worst, Math.abs(byHand[i] - grad[i]));
            }
            out.println("f(x) = sum(x^2 * w) = " + f.item());
            out.println("autograd df/dx = " + Arrays.toString(grad));
            out.println("by hand 2*x*w  = " + Arrays.toString(byHand));
            out.println("largest difference: " + worst);
            return worst;
        }
    }
}
