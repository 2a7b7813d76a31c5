package dev.sinapsis.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void scalarHasOneElement() {
        assertEquals(0, Shape.SCALAR.rank());
        assertEquals(1, Shape.SCALAR.numel());
        assertEquals("[]", Shape.SCALAR.toString());
    }

    @Test
    void contiguousStridesAreRowMajor() {
        assertArrayEquals(new int[] {12, 4, 1}, Shape.of(2, 3, 4).contiguousStrides());
        assertArrayEquals(new int[] {3, 3, 1}, Shape.of(2, 0, 3).contiguousStrides());
    }

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(5, 3, 4), Shape.broadcast(Shape.of(5, 1, 4), Shape.of(3, 1), "add"));
        assertEquals(Shape.of(2, 0), Shape.broadcast(Shape.of(2, 1), Shape.of(0), "add"));
    }

    @Test
    void broadcastErrorNamesOpAndShapes() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Shape.broadcast(Shape.of(3, 4), Shape.of(5, 4), "mul"));
        assertTrue(e.getMessage().contains("mul"), e.getMessage());
        assertTrue(e.getMessage().contains("[3,4]") && e.getMessage().contains("[5,4]"), e.getMessage());
    }

    @Test
    void negativeAxesCountFromTheEnd() {
        assertEquals(4, Shape.of(2, 3, 4).dim(-1));
        assertThrows(ShapeException.class, () -> Shape.normalizeAxis(3, 3, "sum"));
    }

    @Test
    void rejectsNegativeAndHugeShapes() {
        assertThrows(ShapeException.class, () -> Shape.of(-1, 2));
        assertThrows(ShapeException.class, () -> Shape.of(1 << 16, 1 << 16));
    }
}
