package dev.sinapsis.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.metrics.ConfusionMatrix.Average;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ConfusionMatrix on int arrays (no backend needed). Expected values are derived by hand in the
 * comments and agree with core/src/test/resources/metrics/sklearn_equivalent.py, a numpy
 * re-implementation of sklearn's precision_recall_fscore_support(labels=range(n), zero_division=0).
 */
class ConfusionMatrixTest {
    private static final double EPS = 1e-15;

    /** Example A: y_true = [0,0,0,0,1,1,1,2,2,2], y_pred = [0,0,0,1,1,1,2,2,2,0]. */
    static ConfusionMatrix exampleA() {
        return new ConfusionMatrix(List.of("cat", "dog", "bird"))
                .add(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 0}, new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2});
    }

    @Test
    void countsFollowSklearnRowsTrueColumnsPredicted() {
        ConfusionMatrix cm = exampleA();
        assertArrayEquals(new long[][] {{3, 1, 0}, {0, 2, 1}, {1, 0, 2}}, cm.counts());
        assertEquals(10, cm.total());
        assertEquals(4, cm.support(0));
        assertEquals(4, cm.predictedCount(0)); // column 0: 3 + 0 + 1
        assertEquals(1, cm.count(2, 0));
    }

    @Test
    void perClassAndAveragedMetricsExampleA() {
        ConfusionMatrix cm = exampleA();
        // precision = diag / column sums = 3/4, 2/3, 2/3; recall = diag / row sums = 3/4, 2/3, 2/3
        assertEquals(0.75, cm.precision(0), EPS);
        assertEquals(2.0 / 3, cm.precision(1), EPS);
        assertEquals(2.0 / 3, cm.recall(2), EPS);
        assertEquals(0.75, cm.f1(0), EPS);
        // macro = (3/4 + 2/3 + 2/3) / 3 = 25/36; weighted = (3/4*4 + 2/3*3 + 2/3*3) / 10 = 7/10
        assertEquals(25.0 / 36, cm.precision(Average.MACRO), EPS);
        assertEquals(25.0 / 36, cm.f1(Average.MACRO), EPS);
        assertEquals(0.7, cm.precision(Average.WEIGHTED), EPS);
        assertEquals(0.7, cm.recall(Average.MICRO), EPS);
        assertEquals(0.7, cm.accuracy(), EPS);
    }

    @Test
    void zeroDivisionGivesZeroAndUnseenClassesCountInMacro() {
        // Example B: y_true = [0,0,1,1,1,0], y_pred = [0,2,1,0,1,0], 4 classes
        // counts: row0 = [2,0,1,0], row1 = [1,2,0,0], rows 2 and 3 empty; column 3 empty
        ConfusionMatrix cm = new ConfusionMatrix(4).add(new int[] {0, 2, 1, 0, 1, 0}, new int[] {0, 0, 1, 1, 1, 0});
        double[] p = {2.0 / 3, 1, 0, 0};     // class 2: tp 0 of 1 predicted; class 3: 0/0 -> 0
        double[] r = {2.0 / 3, 2.0 / 3, 0, 0}; // classes 2, 3 have no support: 0/0 -> 0
        double[] f = {2.0 / 3, 0.8, 0, 0};   // class 1: 2*2 / (3 + 2) = 0.8
        for (int c = 0; c < 4; c++) {
            assertEquals(p[c], cm.precision(c), EPS, "precision " + c);
            assertEquals(r[c], cm.recall(c), EPS, "recall " + c);
            assertEquals(f[c], cm.f1(c), EPS, "f1 " + c);
        }
        assertEquals(0.41666666666666663, cm.precision(Average.MACRO), EPS); // (2/3 + 1) / 4
        assertEquals(0.3333333333333333, cm.recall(Average.MACRO), EPS);     // (4/3) / 4
        assertEquals(0.3666666666666667, cm.f1(Average.MACRO), EPS);         // (2/3 + 0.8) / 4
        assertEquals(0.8333333333333334, cm.precision(Average.WEIGHTED), 1e-15); // (2/3*3 + 1*3) / 6
        assertEquals(0.7333333333333334, cm.f1(Average.WEIGHTED), 1e-15);        // (2/3*3 + 0.8*3) / 6
        assertEquals(4.0 / 6, cm.f1(Average.MICRO), EPS);
        assertEquals(cm.accuracy(), cm.recall(Average.WEIGHTED), EPS);
    }

    @Test
    void emptyMatrixIsAllZerosNotNaN() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        for (Average a : Average.values()) {
            assertEquals(0, cm.precision(a));
            assertEquals(0, cm.recall(a));
            assertEquals(0, cm.f1(a));
        }
        assertEquals(0, cm.accuracy());
    }

    @Test
    void toStringIsAnAlignedTable() {
        ConfusionMatrix cm = exampleA();
        cm.add(new int[1000], new int[1000]); // a 4-digit count widens its column
        String expected = String.join("\n",
                "true\\pred   cat  dog  bird",
                "cat        1003    1     0",
                "dog           0    2     1",
                "bird          1    0     2");
        assertEquals(expected, cm.toString());
        assertEquals(String.join("\n", "true\\pred  0  1", "0          0  0", "1          0  0"),
                new ConfusionMatrix(2).toString());
    }

    @Test
    void reportLooksLikeSklearnClassificationReport() {
        String expected = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "         cat     0.7500    0.7500    0.7500         4",
                "         dog     0.6667    0.6667    0.6667         3",
                "        bird     0.6667    0.6667    0.6667         3",
                "",
                "    accuracy                         0.7000        10",
                "   macro avg     0.6944    0.6944    0.6944        10",
                "weighted avg     0.7000    0.7000    0.7000        10",
                "");
        assertEquals(expected, exampleA().report());
        assertTrue(ClassificationReport.format(exampleA(), 2).contains("         cat       0.75      0.75      0.75"));
    }

    @Test
    void badBatchIsRejectedWithoutPartialUpdate() {
        ConfusionMatrix cm = exampleA();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cm.add(new int[] {0, 1, 3}, new int[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("predictions must be class indices in [0, 3), but element 2 is 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> cm.add(new int[] {0, 1}, new int[] {0}));
        assertTrue(e.getMessage().contains("2 predictions but 1 targets"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cm.add(0, -1));
        assertEquals(10, cm.total());
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(0));
    }

    @Test
    void mergeAndReset() {
        ConfusionMatrix a = exampleA();
        ConfusionMatrix b = new ConfusionMatrix(3).add(2, 2).merge(a);
        assertEquals(11, b.total());
        assertEquals(3, b.count(2, 2));
        assertThrows(IllegalArgumentException.class, () -> a.merge(new ConfusionMatrix(2)));
        b.reset();
        assertEquals(0, b.total());
    }
}
