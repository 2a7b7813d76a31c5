package dev.sinapsis.conformance;

import dev.sinapsis.spi.TensorInternals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.DTypeException;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The semantics of backward(): accumulation, zeroGrad, detach, noGrad, upstream gradients, retainGraph. */
public interface BackwardContract {

    static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    static void assertGrad(String what, double[] expected, Tensor leaf) {
        assertTrue(leaf.grad() != null, what + ": no gradient");
        assertArrayEquals(expected, leaf.grad().toDoubleArray(), 1e-12, what);
    }

    @Test
    default void gradientsAccumulateOverBackwardCalls() {
        Tensor x = leaf(1, -2, 3);
        x.mul(x).sum().backward();
        assertGrad("d(sum x^2)", new double[] {2, -4, 6}, x);
        x.mul(3).sum().backward();
        assertGrad("accumulated d(sum x^2) + d(sum 3x)", new double[] {5, -1, 9}, x);
        x.zeroGrad();
        assertNull(x.grad(), "zeroGrad clears the gradient");
        x.exp().sum().backward();
        assertGrad("after zeroGrad", new double[] {Math.exp(1), Math.exp(-2), Math.exp(3)}, x);
    }

    @Test
    default void f32LeavesGetF32Gradients() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {1, -1}, 1, 2);
        x.matmul(w).tanh().sum().backward();
        assertTrue(w.grad().dtype() == DType.F32, "gradient dtype follows the leaf");
        double[] ex = new double[4];
        double[] xv = {1, -1};
        double[] y = {1 - 3, 2 - 4};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double t = Math.tanh(y[j]);
                ex[i * 2 + j] = xv[i] * (1 - t * t);
            }
        }
        assertArrayEquals(ex, w.grad().toDoubleArray(), 1e-6);
    }

    @Test
    default void detachStopsGradients() {
        Tensor x = leaf(2, 3);
        Tensor d = x.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        d.mul(x).sum().backward();
        assertGrad("only the attached factor contributes", new double[] {2, 3}, x);
        assertNull(d.grad(), "a detached tensor receives no gradient");
        assertTrue(TensorInternals.view(d).storage() == TensorInternals.view(x).storage(), "detach shares storage");
    }

    @Test
    default void noGradRecordsNothing() {
        Tensor x = leaf(1, 2);
        Tensor y;
        try (var ignored = Autograd.noGrad()) {
            y = x.mul(2).exp().sum();
            assertFalse(Autograd.isEnabled());
        }
        assertTrue(Autograd.isEnabled(), "the scope restores grad mode");
        assertFalse(y.requiresGrad(), "nothing recorded under noGrad");
        assertNull(y.gradFn());
        Tensor yy = y;
        assertThrows(IllegalStateException.class, yy::backward);
        assertNull(x.grad());
        try (var outer = Autograd.noGrad()) {
            try (var inner = Autograd.enableGrad()) {
                assertTrue(x.mul(2).requiresGrad(), "enableGrad inside noGrad records again");
            }
            assertFalse(x.mul(2).requiresGrad());
        }
    }

    @Test
    default void explicitUpstreamGradient() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor y = x.reshape(2, 2).mul(3);
        y.backward(Tensor.of(new double[] {1, 0, -1, 2}, 2, 2));
        assertGrad("upstream [1,0,-1,2] through mul(3)", new double[] {3, 0, -3, 6}, x);
        Tensor z = leaf(1, 2).mul(2);
        assertThrows(IllegalArgumentException.class, z::backward, "a non-scalar needs an explicit gradient");
        assertThrows(IllegalArgumentException.class, () -> z.backward(Tensor.of(new double[] {1, 2, 3})),
                "gradient of the wrong shape");
    }

    @Test
    default void retainGraphAllowsASecondBackward() {
        Tensor x = leaf(0.5, -1);
        Tensor y = x.exp().mul(x).sum();
        y.backward(Tensor.scalar(1, DType.F64), true);
        double[] once = {Math.exp(0.5) * 1.5, Math.exp(-1) * 0};
        assertGrad("first backward", once, x);
        y.backward();
        assertGrad("second backward through the retained graph", new double[] {2 * once[0], 2 * once[1]}, x);
        Tensor z = x.sin().sum();
        z.backward();
        assertThrows(IllegalStateException.class, z::backward, "the graph was freed without retainGraph");
    }

    @Test
    default void sharedSubexpressionsAndRetainGrad() {
        Tensor x = leaf(0.3, 0.7);
        Tensor h = x.mul(2).retainGrad();
        h.mul(h).add(h.sin()).sum().backward();
        double[] hv = {0.6, 1.4};
        assertGrad("retained non-leaf gradient", new double[] {2 * hv[0] + Math.cos(hv[0]),
            2 * hv[1] + Math.cos(hv[1])}, h);
        assertGrad("diamond", new double[] {2 * (2 * hv[0] + Math.cos(hv[0])), 2 * (2 * hv[1] + Math.cos(hv[1]))}, x);
    }

    @Test
    default void onlyFloatsRequireGradAndIntegerOpsAreNotRecorded() {
        assertThrows(DTypeException.class, () -> Tensor.of(new long[] {1}).requiresGrad(true));
        Tensor x = leaf(1.5, 2.5);
        assertFalse(x.argmax().requiresGrad(), "argmax is not differentiable");
        assertFalse(x.gt(2).requiresGrad(), "comparisons are not differentiable");
        assertFalse(x.to(DType.I64).requiresGrad(), "a cast to an integer leaves the tape");
        assertTrue(x.to(DType.F32).requiresGrad(), "a float cast stays on the tape");
        x.to(DType.F32).mul(2).sum().backward();
        assertGrad("gradient through to(F32)", new double[] {2, 2}, x);
        assertThrows(IllegalStateException.class, () -> x.fill(0), "in-place write to a leaf that requires grad");
        try (var ignored = Autograd.noGrad()) {
            x.fill(0);
        }
        assertArrayEquals(new double[] {0, 0}, x.toDoubleArray());
    }
}
