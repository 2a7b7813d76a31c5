package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.util.Locale;

/** Comparison helpers shared by the nn contracts. */
final class NnAsserts {
    /** Relative tolerance against the float64 PyTorch fixtures. */
    static final double RTOL = 1e-5;
    /** Absolute floor for elements that are (nearly) zero; far below any F32 rounding. */
    static final double ATOL = 1e-10;

    private NnAsserts() {
    }

    /** {@code |actual - expected| <= rtol * |expected| + atol} elementwise, with equal shapes. */
    static void assertClose(String what, Tensor actual, Golden.Entry expected, double rtol, double atol) {
        assertArrayEquals(expected.shape(), actual.shape().toArray(), what + ": shape");
        double[] a = actual.toDoubleArray();
        double[] e = expected.values();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double excess = Math.abs(a[i] - e[i]) - (rtol * Math.abs(e[i]) + atol);
            if (!(excess <= worstExcess)) {
                worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                worst = i;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%s: element %d is %.17g, expected %.17g (rtol %.1e, atol %.1e)", what, worst, a[worst],
                    e[worst], rtol, atol));
        }
    }

    /** {@link #assertClose(String, Tensor, Golden.Entry, double, double)} with the default tolerances. */
    static void assertClose(String what, Tensor actual, Golden.Entry expected) {
        assertClose(what, actual, expected, RTOL, ATOL);
    }

    /**
     * For F32 computations: {@code |actual - expected| <= rtol * max|expected|} elementwise, i.e.
     * relative to the tensor's scale, since F32 sums of many terms lose absolute, not relative,
     * accuracy on elements near zero.
     */
    static void assertCloseToScale(String what, Tensor actual, Golden.Entry expected, double rtol) {
        double scale = 0;
        for (double v : expected.values()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertClose(what, actual, expected, 0, rtol * scale);
    }

    /** Copies a fixture entry into a parameter or buffer, off the tape. */
    static void load(Tensor target, Golden g, String name) {
        assertArrayEquals(g.get(name).shape(), target.shape().toArray(), name + ": shape");
        try (var ignored = Autograd.noGrad()) {
            target.copyFrom(g.tensor(name, target.dtype()));
        }
    }

    /** A leaf F64 input from the fixture. */
    static Tensor input(Golden g, String name) {
        return g.tensor(name, DType.F64).requiresGrad(true);
    }

    /** Backward of {@code sum(out * r)} with the fixture's projection weights. */
    static void backwardProjected(Tensor out, Golden g, String rName) {
        out.mul(g.tensor(rName, out.dtype())).sum().backward();
    }

    /** Asserts a gradient check passes with {@code maxError < 1e-6}. */
    static void assertGradCheck(String what, GradCheck.Result r) {
        assertTrue(r.passes(1e-6), what + ": " + r);
        assertTrue(r.checked() > 0, what + ": nothing was checked");
    }
}
