package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.Shape;
import org.junit.jupiter.api.Test;

/** Range and index views of a dataset. */
class SubsetTest {
    private static Dataset tens() {
        float[] x = new float[10];
        long[] y = new long[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i * 10;
            y[i] = i % 3;
        }
        return new ArrayDataset(x, Shape.of(1), y, 3);
    }

    private static float input(Dataset d, int i) {
        float[] dst = new float[1];
        d.copyInput(i, dst, 0);
        return dst[0];
    }

    @Test
    void rangeAndSelectionMapIndices() {
        Dataset d = tens();
        Dataset r = d.subset(3, 7);
        assertEquals(4, r.size());
        assertEquals(30f, input(r, 0));
        assertEquals(60f, input(r, 3));
        int[] order = {9, 2, 5};
        Dataset s = d.select(order);
        order[0] = 0; // the view copied the indices
        assertEquals(3, s.size());
        assertEquals(90f, input(s, 0));
        assertEquals(20f, input(s, 1));
        assertEquals(2, s.target(2)); // 5 % 3
        assertEquals(3, s.numClasses());
    }

    @Test
    void outOfRangeIsRefused() {
        Dataset d = tens();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.select(new int[] {1, 10}));
        assertTrue(e.getMessage().contains("index 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.subset(4, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> d.select(new int[] {1}).target(1));
    }
}
