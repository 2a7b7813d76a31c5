package dev.sinapsis.examples.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.ExampleBackends;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression examples' defining properties on every backend, against PyTorch 1.13's fits
 * of the data sets in {@code golden/regression.txt} (least squares by {@code linalg.lstsq};
 * logistic maximum likelihood by L-BFGS in float64), and at the examples' own defaults.
 */
class RegressionTest {
    private static final Golden GOLDEN = Golden.load("regression.txt");

    /** The normal equation is PyTorch's least-squares fit; each descent reaches it within its tolerance. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void linearRegressionMatchesPyTorchsLeastSquares(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            LinearRegressionExample.Data d = LinearRegressionExample.Data.of(
                    GOLDEN.tensor("linear_x", DType.F32), GOLDEN.tensor("linear_y", DType.F32));
            double[] torch = GOLDEN.get("linear_weights").values();
            double[] exact = LinearRegression.normalEquation(d.z(), d.y());
            assertArrayEquals(torch, d.original(exact), 1e-4);
            SplittableRandom rng = new SplittableRandom(1);
            for (LinearRegressionExample.Variant v : LinearRegressionExample.VARIANTS) {
                int batch = v.batch() == 0 ? d.x().dim(0) : v.batch();
                Fit f = LinearRegression.gradientDescent(d.z(), d.y(), batch, LinearRegressionExample.EPOCHS, v.lr(),
                        v.decay(), rng);
                assertTrue(f.distance(exact) <= v.tolerance(), v.name() + ": " + f.distance(exact));
                assertTrue(f.losses().get(0) > f.losses().get(f.losses().size() - 1));
            }
        }
    }

    /** Newton's method and gradient descent both reach PyTorch's maximum-likelihood weights. */
    @ParameterizedTest
    @MethodSource("dev.sinapsis.examples.ExampleBackends#names")
    void logisticRegressionMatchesPyTorchsFit(String backend) {
        try (var b = Backends.using(ExampleBackends.get(backend)); MemoryScope scope = MemoryScope.open()) {
            Tensor x = GOLDEN.tensor("logistic_x", DType.F32);
            Tensor y = GOLDEN.tensor("logistic_y", DType.F32);
            double[] torch = GOLDEN.get("logistic_weights").values();
            double[] newton = LogisticRegression.newton(x, y, LogisticRegressionExample.NEWTON_STEPS);
            assertArrayEquals(torch, newton, 1e-4);
            Fit gd = LogisticRegression.gradientDescent(x, y, LogisticRegressionExample.EPOCHS, LogisticRegressionExample.LR);
            assertTrue(gd.distance(torch) <= LogisticRegressionExample.TOLERANCE, "distance " + gd.distance(torch));
            assertEquals(GOLDEN.get("logistic_loss").values()[0], gd.losses().get(gd.losses().size() - 1), 1e-5);
        }
    }

    /**
     * At the examples' defaults (seed 42) every fit lands within its stated tolerance (on the CPU
     * backend; the tests above run the same code on every backend).
     */
    @Test
    void defaultsConverge() {
        try (var b = Backends.using(ExampleBackends.get("cpu")); MemoryScope scope = MemoryScope.open()) {
            LinearRegressionExample.Data d = LinearRegressionExample.data(42);
            double[] exact = LinearRegression.normalEquation(d.z(), d.y());
            SplittableRandom rng = new SplittableRandom(42);
            for (LinearRegressionExample.Variant v : LinearRegressionExample.VARIANTS) {
                int batch = v.batch() == 0 ? LinearRegressionExample.POINTS : v.batch();
                Fit f = LinearRegression.gradientDescent(d.z(), d.y(), batch, LinearRegressionExample.EPOCHS, v.lr(),
                        v.decay(), rng);
                assertTrue(f.distance(exact) <= v.tolerance(), v.name() + ": " + f.distance(exact));
            }
            Tensor[] xy = LogisticRegressionExample.data(42);
            double[] newton = LogisticRegression.newton(xy[0], xy[1], LogisticRegressionExample.NEWTON_STEPS);
            Fit gd = LogisticRegression.gradientDescent(xy[0], xy[1], LogisticRegressionExample.EPOCHS,
                    LogisticRegressionExample.LR);
            assertTrue(gd.distance(newton) <= LogisticRegressionExample.TOLERANCE);
        }
    }
}
