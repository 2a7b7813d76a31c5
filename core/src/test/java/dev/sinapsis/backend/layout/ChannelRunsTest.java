package dev.sinapsis.backend.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.View;
import dev.sinapsis.conformance.LoopBackend;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import org.junit.jupiter.api.Test;

class ChannelRunsTest {
    /** The core's reference backend: the checks read only each view's dtype, shape and strides. */
    private static final LoopBackend BACKEND = new LoopBackend();

    private static View view(DType t, int... dims) {
        Shape shape = Shape.of(dims);
        return View.contiguous(BACKEND.allocate(t, shape.numel()), shape);
    }

    @Test
    void trailingSizesMultiplyIntoTheRun() {
        View x = view(DType.F32, 4, 3, 5, 7);
        ChannelRuns r = ChannelRuns.of("op", x, new View[] {view(DType.F32, 4, 3, 5, 7)}, view(DType.F32, 3), null);
        assertEquals(new ChannelRuns(4, 3, 35), r);
        assertEquals(140, r.count());
        assertEquals((2 * 3 + 1) * 35, r.run(2, 1));
        assertEquals(new ChannelRuns(6, 2, 1), ChannelRuns.of("op", view(DType.F64, 6, 2), new View[0]));
    }

    @Test
    void operandsThatDoNotFitAreNamed() {
        View x = view(DType.F32, 4, 3, 5);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ChannelRuns.of("batchNormTrain", x, new View[] {view(DType.F32, 4, 3, 6)}));
        assertTrue(shape.getMessage().startsWith("batchNormTrain: an operand is F32 [4,3,6]"), shape.getMessage());
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> ChannelRuns.of("batchNormTrain", x, new View[0], view(DType.F32, 4)));
        assertTrue(channels.getMessage().contains("should be contiguous F32 [3]"), channels.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> ChannelRuns.of("batchNormTrain", x, new View[0], view(DType.F64, 3)));
        assertTrue(dtype.getMessage().contains("F64"), dtype.getMessage());
        View transposed = new View(x.storage(), Shape.of(4, 5, 3), new int[] {15, 1, 5}, 0);
        assertThrows(IllegalArgumentException.class, () -> ChannelRuns.of("op", transposed, new View[0]));
        assertThrows(IllegalArgumentException.class, () -> ChannelRuns.of("op", view(DType.F32, 5), new View[0]));
        assertThrows(IllegalArgumentException.class, () -> ChannelRuns.of("op", view(DType.I32, 2, 3), new View[0]));
    }
}
