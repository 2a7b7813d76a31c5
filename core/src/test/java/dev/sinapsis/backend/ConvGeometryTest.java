package dev.sinapsis.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Output sizes, including windows that do not fit (which must not round up to 1). */
class ConvGeometryTest {
    @Test
    void outputSizesFollowPyTorch() {
        ConvGeometry g = new ConvGeometry(3, 2, 2, 1, 1, 0, 2, 1);
        assertEquals(3, g.outH(7));   // (7 + 2 - 4 - 1) / 2 + 1
        assertEquals(4, g.outW(5));   // (5 - 1 - 1) / 1 + 1
        assertEquals(4, ConvGeometry.square(2, 2, 0, 1).outH(9));
    }

    @Test
    void aWindowLargerThanTheInputGivesNoOutputWhateverTheStride() {
        // (3 - 4 - 1) / 5 truncates to 0 in Java; floor division gives -1, so no output position
        assertTrue(ConvGeometry.square(5, 5, 0, 1).outH(3) <= 0);
        assertTrue(ConvGeometry.square(5, 2, 0, 1).outW(4) <= 0);
        assertEquals(1, ConvGeometry.square(5, 5, 0, 1).outH(5));
    }
}
