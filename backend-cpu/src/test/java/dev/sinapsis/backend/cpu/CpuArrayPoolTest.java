package dev.sinapsis.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuArrayPool} through the backend's allocation: a released large array comes back for the
 * next allocation of its dtype and length, zeroed; arrays a caller wrapped are never taken; an
 * LSTM state's 32 KiB is pooled, arrays under a page are not; a released storage still refuses use.
 */
class CpuArrayPoolTest {
    private final CpuBackend cpu = new CpuBackend(Nd4jMode.OFF);
    /** Large enough to be pooled, and a length no other test allocates. */
    private static final int N = (int) (CpuArrayPool.MIN_BYTES / 4) + 12_345;

    @Test
    void aReleasedArrayIsReusedZeroed() {
        Storage first = cpu.allocate(DType.F32, N);
        float[] a = CpuStorage.of(first).floats();
        Arrays.fill(a, 7f);
        first.release();
        assertThrows(IllegalStateException.class, () -> CpuStorage.of(first).array(), "use after release");
        Storage second = cpu.allocate(DType.F32, N);
        float[] b = CpuStorage.of(second).floats();
        assertSame(a, b, "the released array is taken again");
        for (float v : b) {
            assertEquals(0f, v, "a reused array is zeroed");
        }
        Storage other = cpu.allocate(DType.F32, N);
        assertNotSame(b, CpuStorage.of(other).floats(), "a live array is never handed out twice");
        second.release();
        other.release();
    }

    @Test
    void otherDtypesAndLengthsAreSeparate() {
        Storage f = cpu.allocate(DType.F32, N + 1);
        float[] a = CpuStorage.of(f).floats();
        f.release();
        Storage d = cpu.allocate(DType.I32, N + 1);
        Storage g = cpu.allocate(DType.F32, N + 2);
        assertNotSame(a, CpuStorage.of(g).array());
        d.release();
        g.release();
    }

    @Test
    void aCallersArrayIsNeverPooled() {
        float[] mine = new float[N + 3];
        Storage wrapped = new CpuStorage(cpu, DType.F32, mine);
        wrapped.release();
        Storage fresh = cpu.allocate(DType.F32, N + 3);
        assertNotSame(mine, CpuStorage.of(fresh).floats());
        fresh.release();
    }

    @Test
    void recurrentStateSizedArraysArePooled() {
        // an LSTM's [64, 128] state: thousands per step, which left to G1 made it grow its heap
        Storage h = cpu.allocate(DType.F32, 64 * 128 + 1);
        float[] a = CpuStorage.of(h).floats();
        h.release();
        Storage again = cpu.allocate(DType.F32, 64 * 128 + 1);
        assertSame(a, CpuStorage.of(again).floats());
        again.release();
    }

    @Test
    void smallArraysAreNotPooled() {
        Storage small = cpu.allocate(DType.F32, 1000);
        float[] a = CpuStorage.of(small).floats();
        small.release();
        assertNotSame(a, CpuStorage.of(cpu.allocate(DType.F32, 1000)).floats());
    }
}
