package dev.sinapsis.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metrics fed with tensors of the backend under test: label and logit inputs, the class axis at 1
 * for dense predictions, tie rules, dtype independence and error messages. Expected values are
 * computed by hand in the comments.
 */
public abstract class MetricsContract extends BackendTestBase {
    /** Logits for 4 samples of 3 classes; arg-max per row = 2, 0, 1, 0 (row 3 ties 0 and 2: first wins). */
    private static Tensor logits() {
        return Tensor.of(new float[] {
            0.1f, 0.2f, 0.7f,
            2.0f, -1f, 0.5f,
            0.3f, 0.4f, 0.3f,
            1.0f, 0.0f, 1.0f}, 4, 3);
    }

    @Test
    void accuracyFromLabelsAndFromLogits() {
        Tensor targets = Tensor.of(new long[] {2, 0, 2, 2});
        // predicted 2, 0, 1, 0 -> correct, correct, wrong, wrong
        assertEquals(0.5, Accuracy.of(logits(), targets));
        assertEquals(0.75, Accuracy.of(Tensor.of(new int[] {2, 0, 1, 2}), targets));
        // the targets' dtype does not matter as long as the values are classes
        assertEquals(0.5, Accuracy.of(logits(), targets.to(DType.F32)));
        assertEquals(0.5, Accuracy.of(logits().to(DType.F64), targets.to(DType.I32)));
        assertEquals(1.0, Accuracy.of(Tensor.scalar(3, DType.I64), Tensor.scalar(3, DType.I32)));
    }

    @Test
    void denseLogitsHaveTheClassAxisAtOne() {
        // logits [N=1, C=2, H=2, W=2], targets [1, 2, 2]: prediction per pixel = argmax over axis 1
        Tensor scores = Tensor.of(new float[] {
            1, 0, // class 0, row 0
            0, 1, // class 0, row 1
            0, 1, // class 1, row 0
            1, 0  // class 1, row 1
        }, 1, 2, 2, 2);
        // pixel predictions: (0,0) -> 0, (0,1) -> 1, (1,0) -> 1, (1,1) -> 0
        Tensor targets = Tensor.of(new long[] {0, 1, 1, 1}, 1, 2, 2);
        assertEquals(0.75, Accuracy.of(scores, targets));
        ConfusionMatrix cm = new ConfusionMatrix(2).add(scores, targets);
        assertArrayEquals(new long[][] {{1, 0}, {1, 2}}, cm.counts());
    }

    @Test
    void topKWithTiesBrokenTowardsTheLowerIndex() {
        Tensor targets = Tensor.of(new long[] {1, 2, 2, 2});
        // ranks of the target (1-based, stable descending): row 0: 0.2 is 2nd; row 1: 0.5 is 2nd;
        // row 2: 0.3 ties class 0 (lower index ranks first) -> 3rd; row 3: 1.0 ties class 0 -> 2nd
        assertEquals(0.0, Accuracy.topK(logits(), targets, 1));
        assertEquals(0.75, Accuracy.topK(logits(), targets, 2));
        assertEquals(1.0, Accuracy.topK(logits(), targets, 3));
        Tensor other = Tensor.of(new long[] {2, 0, 2, 2});
        assertEquals(Accuracy.of(logits(), other), Accuracy.topK(logits(), other, 1));
    }

    @Test
    void accuracyErrorsAreClear() {
        Tensor targets = Tensor.of(new long[] {2, 0, 2, 2});
        ShapeException s = assertThrows(ShapeException.class, () -> Accuracy.of(logits(), Tensor.of(new long[] {1, 2})));
        assertTrue(s.getMessage().contains("predictions [4,3] do not fit targets [2]"), s.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Accuracy.of(Tensor.of(new float[] {0.9f, 0.2f, 0.6f, 0.1f}), targets));
        assertTrue(e.getMessage().contains("read as class labels") && e.getMessage().endsWith("but element 0 is 0.9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Accuracy.topK(logits(), targets, 4));
        assertTrue(e.getMessage().contains("k must be in [1, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Accuracy.topK(logits(), Tensor.of(new long[] {0, 1, 3, 0}), 2));
        assertTrue(e.getMessage().contains("targets must be class indices in [0, 3), but element 2 is 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Accuracy.of(Tensor.of(new float[] {0, Float.NaN}, 1, 2), Tensor.of(new long[] {0})));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Accuracy.of(Tensor.zeros(0, 3), Tensor.zeros(new int[] {0}).to(DType.I64)));
        assertTrue(e.getMessage().contains("no elements"), e.getMessage());
    }

    @Test
    void confusionMatrixFromTensorsMatchesIntArrays() {
        Tensor targets = Tensor.of(new long[] {2, 0, 2, 2});
        ConfusionMatrix fromLogits = new ConfusionMatrix(List.of("a", "b", "c")).add(logits(), targets);
        ConfusionMatrix fromArrays = new ConfusionMatrix(3).add(new int[] {2, 0, 1, 0}, new int[] {2, 0, 2, 2});
        assertArrayEquals(fromArrays.counts(), fromLogits.counts());
        // class 2: tp 1, fn 2 -> recall 1/3; predicted once -> precision 1
        assertEquals(1.0 / 3, fromLogits.recall(2), 1e-15);
        assertEquals(1.0, fromLogits.precision(2));
        ShapeException s = assertThrows(ShapeException.class,
                () -> new ConfusionMatrix(4).add(logits(), targets));
        assertTrue(s.getMessage().contains("3 classes on axis 1"), s.getMessage());
    }

    @Test
    void rocAucFromTensorsOfAnyLabelDtype() {
        Tensor scores = Tensor.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f});
        assertEquals(0.75, RocAuc.binary(scores, Tensor.of(new boolean[] {false, false, true, true})), 1e-15);
        assertEquals(0.75, RocAuc.binary(scores, Tensor.of(new long[] {0, 0, 1, 1})), 1e-15);
        assertEquals(0.75, RocAuc.binary(scores.to(DType.F64), Tensor.of(new float[] {0, 0, 1, 1})), 1e-15);
        ShapeException s = assertThrows(ShapeException.class,
                () -> RocAuc.binary(scores, Tensor.of(new long[] {0, 1})));
        assertTrue(s.getMessage().contains("scores [4] and labels [2]"), s.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(scores, Tensor.of(new long[] {0, 2, 1, 1})));
        assertTrue(e.getMessage().endsWith("element 1 is 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.binary(scores, Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("only one class present in the labels (4 negatives)"), e.getMessage());
    }
}
