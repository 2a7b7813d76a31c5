package dev.sinapsis.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.ShapeException;
import org.junit.jupiter.api.Test;

/**
 * RocAuc on host arrays. Expected values come from core/src/test/resources/metrics/sklearn_equivalent.py,
 * which integrates the ROC curve with sklearn's algorithm (trapezoids over distinct thresholds) —
 * a different method from the rank statistic RocAuc uses.
 */
class RocAucTest {
    private static boolean[] labels(int... v) {
        boolean[] b = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = v[i] == 1;
        }
        return b;
    }

    @Test
    void sklearnDocumentationExample() {
        // roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75: of the 4 (pos, neg) pairs
        // only (0.35, 0.4) is ordered wrongly
        assertEquals(0.75, RocAuc.binary(new double[] {0.1, 0.4, 0.35, 0.8}, labels(0, 0, 1, 1)), 1e-15);
    }

    @Test
    void tiesCountOneHalf() {
        // positives 0.35, 0.8, 0.4, 0.9; negatives 0.1, 0.4, 0.4, 0.2. Pairs won: 2 + 4 + (2 + 2*0.5) + 4 = 13 of 16
        double auc = RocAuc.binary(new double[] {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2}, labels(0, 0, 1, 1, 0, 1, 1, 0));
        assertEquals(0.8125, auc, 1e-15);
        assertEquals(0.5, RocAuc.binary(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, labels(0, 1, 0, 1, 1)), 1e-15);
        assertEquals(0.0, RocAuc.binary(new double[] {0.1, 0.2, 0.3, 0.4}, labels(1, 1, 0, 0)), 1e-15);
        assertEquals(1.0, RocAuc.binary(new double[] {Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY},
                labels(0, 1, 1)), 1e-15);
        // -0.0 and 0.0 are the same score: a tie
        assertEquals(0.5, RocAuc.binary(new double[] {-0.0, 0.0}, labels(1, 0)), 1e-15);
    }

    @Test
    void matchesTrapezoidalSklearnOn200RoundedScores() {
        int[] y = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1,
            1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0,
            1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1,
            0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1,
            0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1,
            1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0};
        double[] s = {-1.0, 0.7, 0.1, 1.2, 3.2, 0.2, 0.4, 0.2, 0.5, -0.2, -0.2, 1.7, 1.5, -1.0, -0.1, 1.0, -1.1, 1.3,
            -0.9, 1.0, 1.2, 0.1, -0.6, -0.1, -1.0, -1.1, 1.4, -2.1, 0.8, -0.7, 1.8, 0.2, 1.8, 1.1, -0.5, 2.2, 2.4, 0.9,
            -0.3, 0.8, -1.0, 1.1, 0.5, -0.1, 0.2, 0.4, -1.3, 1.3, -0.2, 1.0, 0.0, 0.3, 0.7, -0.6, 1.0, 0.6, 0.7, -0.4,
            -0.8, 2.7, -0.7, -1.1, 0.3, 1.4, -0.5, -0.2, -0.6, -1.8, 1.7, 1.0, 1.1, -0.8, 1.5, -0.5, -0.1, -1.1, -0.2,
            2.3, 0.5, 0.3, 1.0, -0.4, 0.5, 1.6, -0.3, 0.8, 1.0, 2.2, 1.7, 1.4, -0.6, -0.4, 0.9, 1.0, -0.1, 1.5, 1.8, 1.8,
            1.9, 0.5, 2.5, -1.2, 1.9, 1.5, 0.9, 1.9, 2.5, -1.1, -0.7, 0.8, -1.0, -0.0, 0.8, -0.6, -2.1, 0.3, 1.0, 0.8,
            0.0, 0.1, -1.5, 0.8, -1.0, -0.6, 1.5, 0.9, 1.4, -1.0, 0.3, -1.0, -0.9, 0.2, -0.8, 0.4, 1.3, 2.0, -1.4, 1.9,
            0.9, -0.0, -1.4, 0.5, 0.7, -0.1, 0.1, 0.7, 1.2, 1.0, -1.2, -0.7, -1.0, -2.3, -0.5, 2.3, 1.0, -0.2, 0.1, 2.1,
            0.2, 0.0, 0.9, 0.0, 1.8, 1.6, 0.2, -0.0, 0.5, -0.7, 1.1, -0.3, 0.9, 1.0, -0.3, 2.7, 1.5, -0.5, 1.8, 0.4,
            -2.6, 0.3, 0.9, 0.1, -0.1, 0.7, 0.8, 1.2, 1.3, 1.0, 1.5, -0.6, -0.4, -0.8, 1.6, 1.0, 1.9, 0.7, 1.1, 0.2, 0.7,
            -0.2};
        assertEquals(200, y.length);
        assertEquals(200, s.length);
        assertEquals(0.7674686716791981, RocAuc.binary(s, labels(y)), 1e-12);
    }

    @Test
    void clearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(new double[] {0.1, 0.9}, labels(1, 1)));
        assertTrue(e.getMessage().contains("only one class present in the labels (2 positives)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new double[0], new boolean[0]));
        assertTrue(e.getMessage().contains("only one class"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(new double[] {0.1, Double.NaN}, labels(0, 1)));
        assertTrue(e.getMessage().contains("score element 1 is NaN"), e.getMessage());
        ShapeException s = assertThrows(ShapeException.class, () -> RocAuc.binary(new double[3], labels(0, 1)));
        assertTrue(s.getMessage().contains("3 scores but 2 labels"), s.getMessage());
    }
}
