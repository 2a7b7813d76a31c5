package dev.sinapsis.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.tensor.Tensor;

/** Element-wise closeness checks shared by the optimizer contracts. */
final class OptimAsserts {
    private OptimAsserts() {
    }

    /** Fails unless {@code |a - e| <= atol + rtol * |e|} for every element, naming the first offender. */
    static void assertClose(double[] expected, Tensor actual, double rtol, double atol, String what) {
        double[] a = actual.toDoubleArray();
        assertEquals(expected.length, a.length, what + ": element count");
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - expected[i]);
            if (!(err <= atol + rtol * Math.abs(expected[i]))) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + expected[i] + " (error " + err + ")");
            }
        }
    }

    /** Scalar version of {@link #assertClose(double[], Tensor, double, double, String)}. */
    static void assertClose(double expected, double actual, double rtol, double atol, String what) {
        double err = Math.abs(actual - expected);
        if (!(err <= atol + rtol * Math.abs(expected))) {
            fail(what + ": " + actual + ", expected " + expected + " (error " + err + ")");
        }
    }
}
