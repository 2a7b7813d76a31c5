package dev.sinapsis.conformance;

import dev.sinapsis.spi.TensorInternals;
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
            Storage s = TensorInternals.view(t).storage();
            assertFalse(s.isReleased());
            t.close();
            assertTrue(s.isReleased(), "closing the only tensor releases its " + d + " storage");
        }
        Tensor computed = Tensor.ones(33, 37).mul(2).add(1).sum(new int[] {1}, false);
        Storage s = TensorInternals.view(computed).storage();
        computed.close();
        assertTrue(s.isReleased(), "an op's output storage is released when closed");
        Tensor up = Tensor.of(new double[] {1, 2, 3});
        Storage us = TensorInternals.view(up).storage();
        up.close();
        assertTrue(us.isReleased(), "uploaded storage is released");
        Tensor empty = Tensor.zeros(0);
        Storage es = TensorInternals.view(empty).storage();
        empty.close();
        assertTrue(es.isReleased(), "even an empty storage");
    }

    @Test
    default void viewsHoldTheirOwnReference() {
        Tensor base = Tensor.zeros(6, 4);
        Storage s = TensorInternals.view(base).storage();
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
                    assertFalse(TensorInternals.view(u).storage().isReleased());
                }
            }
        }
    }
}
