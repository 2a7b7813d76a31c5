package dev.sinapsis.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Inception Score and class coverage against closed forms. */
class InceptionScoreTest {
    private static double[][] oneHot(int n, int classes, java.util.function.IntUnaryOperator label) {
        double[][] p = new double[n][classes];
        for (int i = 0; i < n; i++) {
            p[i][label.applyAsInt(i)] = 1;
        }
        return p;
    }

    @Test
    void perfectlyConfidentUniformClassesScoreTheNumberOfClasses() {
        assertEquals(10, InceptionScore.of(oneHot(1000, 10, i -> i % 10)), 1e-12);
        assertEquals(3, InceptionScore.of(oneHot(30, 3, i -> i % 3)), 1e-12);
    }

    @Test
    void oneClassOrUncertainPredictionsScoreOne() {
        assertEquals(1, InceptionScore.of(oneHot(100, 10, i -> 4)), 1e-12);
        double[][] flat = new double[50][10];
        for (double[] row : flat) {
            java.util.Arrays.fill(row, 0.1);
        }
        assertEquals(1, InceptionScore.of(flat), 1e-12);
    }

    @Test
    void twoSymmetricSoftClassesMatchTheClosedForm() {
        // rows (a, 1-a) and (1-a, a), half each: p(y) = (½, ½), KL = a ln 2a + (1-a) ln 2(1-a) for every row
        double a = 0.8;
        double[][] p = new double[20][];
        for (int i = 0; i < 20; i++) {
            p[i] = i % 2 == 0 ? new double[] {a, 1 - a} : new double[] {1 - a, a};
        }
        double kl = a * Math.log(2 * a) + (1 - a) * Math.log(2 * (1 - a));
        assertEquals(Math.exp(kl), InceptionScore.of(Tensor.of(flatten(p), 20, 2)), 1e-6); // via F64 tensor
        assertEquals(Math.exp(kl), InceptionScore.of(p), 1e-12);
    }

    private static double[] flatten(double[][] p) {
        return java.util.Arrays.stream(p).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void modeCollapseIsDetectedByTheCoverage() {
        ClassCoverage collapsed = ClassCoverage.of(oneHot(1000, 10, i -> 3), 0.9);
        assertEquals(1, collapsed.present());
        assertEquals(0, collapsed.entropy(), 0);
        assertEquals(1000, collapsed.histogram()[3]);
        assertEquals(1.0, collapsed.confidentFraction());
        ClassCoverage all = ClassCoverage.of(oneHot(1000, 10, i -> i % 10), 0.9);
        assertEquals(10, all.present());
        assertEquals(Math.log(10), all.entropy(), 1e-12);
        // two of ten classes, 3:1: entropy -(¾ ln ¾ + ¼ ln ¼)
        ClassCoverage two = ClassCoverage.of(oneHot(400, 10, i -> i % 4 == 0 ? 7 : 2), 0.9);
        assertEquals(2, two.present());
        assertEquals(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), two.entropy(), 1e-12);
    }

    @Test
    void confidentMeansStrictlyAboveTheThreshold() {
        double[][] p = {{0.95, 0.05}, {0.9, 0.1}, {0.5, 0.5}, {0.01, 0.99}};
        ClassCoverage c = ClassCoverage.of(p, 0.9);
        assertEquals(2, c.confident());
        assertEquals(0.5, c.confidentFraction());
        assertEquals(3, c.histogram()[0]); // ties go to the first class
        assertEquals(4, c.total());
    }

    @Test
    void logitsAreRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.of(new double[][] {{2.0, -1.0}}));
        assertTrue(e.getMessage().contains("not logits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new double[][] {{0.2, 0.2}}, 0.9));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new double[][] {{1, 0}}, 1.0));
    }
}
