package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Storage;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Storage is reference-counted: closing the last tensor on it releases it. */
public interface MemoryContract {

    @Test
    default void closingReleasesStorage() {
        for (DType d : DType.values()) {
            Tensor t = Tensor.zeros(Shape.of(1031), d);
            Storage s = t.view().storage();
            assertFalse(s.isReleased());
            t.close();
            assertTrue(s.isReleased(), "closing the only tensor releases its " + d + " storage");
        }
        Tensor computed = Tensor.ones(33, 37).mul(2).add(1).sum(new int[] {1}, false);
        Storage s = computed.view().storage();
        computed.close();
        assertTrue(s.isReleased(), "an op's output storage is released when closed");
        Tensor up = Tensor.of(new double[] {1, 2, 3});
        Storage us = up.view().storage();
        up.close();
        assertTrue(us.isReleased(), "uploaded storage is released");
        Tensor empty = Tensor.zeros(0);
        Storage es = empty.view().storage();
        empty.close();
        assertTrue(es.isReleased(), "even an empty storage");
    }

    @Test
    default void viewsHoldTheirOwnReference() {
        Tensor base = Tensor.zeros(6, 4);
        Storage s = base.view().storage();
        Tensor a = base.t();
        Tensor b = base.slice(0, 1, 6, 2);
        Tensor c = base.detach();
        base.close();
        assertFalse(s.isReleased(), "views keep the storage alive");
        a.close();
        b.close();
        assertFalse(s.isReleased(), "one view still open");
        c.close();
        assertTrue(s.isReleased(), "the last view releases the storage");
    }

    @Test
    default void manyAllocationsCanBeReleased() {
        for (int i = 0; i < 2000; i++) {
            try (Tensor t = Tensor.zeros(1000)) {
                try (Tensor u = t.add(1)) {
                    assertFalse(u.view().storage().isReleased());
                }
            }
        }
    }
}
