package dev.sinapsis.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Early stopping needs no backend: patience, minDelta, both modes, NaN. */
class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutImprovementInMinMode() {
        EarlyStopping s = new EarlyStopping(2, 0.01, EarlyStopping.Mode.MIN);
        assertTrue(s.update(1.0));
        assertTrue(s.update(0.5));
        assertFalse(s.update(0.495), "an improvement smaller than minDelta does not count");
        assertFalse(s.shouldStop());
        assertFalse(s.update(0.6));
        assertTrue(s.shouldStop());
        assertEquals(1, s.bestEpoch());
        assertEquals(0.5, s.best());
        assertTrue(s.update(0.3), "a later improvement resets the count");
        assertFalse(s.shouldStop());
        assertEquals(4, s.bestEpoch());
    }

    @Test
    void maxModeAndNaN() {
        EarlyStopping s = new EarlyStopping(1, 0, EarlyStopping.Mode.MAX);
        assertEquals(-1, s.bestEpoch());
        assertTrue(s.update(0.7));
        assertTrue(s.update(0.8));
        assertFalse(s.update(Double.NaN));
        assertTrue(s.shouldStop());
        assertEquals(1, s.bestEpoch());
    }

    @Test
    void zeroPatienceStopsAtTheFirstMiss() {
        EarlyStopping s = new EarlyStopping(0, 0, EarlyStopping.Mode.MIN);
        assertTrue(s.update(1));
        assertFalse(s.shouldStop());
        assertFalse(s.update(1));
        assertTrue(s.shouldStop());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(-1, 0, EarlyStopping.Mode.MIN));
    }
}
