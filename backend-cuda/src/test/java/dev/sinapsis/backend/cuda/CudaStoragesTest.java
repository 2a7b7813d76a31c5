package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.backend.memory.DeviceAllocator;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/**
 * The CUDA storages' bookkeeping over a fake driver (no GPU): sizes go to the caching allocator's
 * classes, a released storage's buffer is handed out again without a new {@code cuMemAlloc},
 * scratch leases count, a foreign storage is refused with the fix, and close() returns the cache
 * to the driver.
 */
class CudaStoragesTest {
    /** Counts driver calls; every buffer a distinct pointer object. */
    private static final class FakeDriver implements DeviceAllocator<CUdeviceptr> {
        final List<CUdeviceptr> allocated = new ArrayList<>();
        final List<CUdeviceptr> freed = new ArrayList<>();

        @Override
        public CUdeviceptr allocate(long bytes) {
            CUdeviceptr p = new CUdeviceptr();
            allocated.add(p);
            return p;
        }

        @Override
        public void free(CUdeviceptr buffer) {
            freed.add(buffer);
        }
    }

    private final CpuBackend owner = new CpuBackend(Nd4jMode.OFF);
    private final FakeDriver driver = new FakeDriver();
    private final CudaStorages storages = new CudaStorages(owner, "fake GPU", driver, 1 << 20);

    @Test
    void releasedBuffersAreReusedWithoutTheDriver() {
        CudaStorage a = storages.allocate(DType.F32, 100); // 400 bytes: class 512
        MemoryStats s = storages.stats();
        assertEquals(512, s.liveBytes());
        assertEquals(1, s.allocations());
        CUdeviceptr first = a.ptr();
        a.release();
        assertEquals(0, storages.stats().liveBytes());
        assertEquals(512, storages.stats().cachedBytes());
        CudaStorage b = storages.allocate(DType.I32, 120); // 480 bytes: the same class
        assertSame(first, b.ptr(), "the cached buffer is handed out again");
        assertEquals(1, driver.allocated.size(), "no new cuMemAlloc");
        CudaStorage c = storages.allocate(DType.F64, 100); // 800 bytes: class 1024, a new buffer
        assertEquals(2, driver.allocated.size());
        assertEquals(512 + 1024, storages.stats().liveBytes());
        assertEquals(512 + 1024, storages.stats().peakLiveBytes());
        b.release();
        c.release();
        assertThrows(IllegalStateException.class, b::ptr, "a released storage refuses its pointer");
    }

    @Test
    void scratchLeasesAndCloseReturnBuffersToTheDriver() {
        try (BufferLease<CUdeviceptr> err = storages.scratch(16)) {
            assertEquals(64, err.bytes(), "the smallest class");
            assertEquals(64, storages.stats().liveBytes());
        }
        assertEquals(64, storages.stats().cachedBytes());
        storages.allocate(DType.F32, 1000).release();
        storages.close();
        assertEquals(0, storages.stats().cachedBytes());
        assertEquals(driver.allocated.size(), driver.freed.size(), "every cached buffer went back to the driver");
    }

    @Test
    void aForeignStorageIsRefusedWithTheFix() {
        View cpu = View.contiguous(owner.allocate(DType.F32, 4), Shape.of(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storages.of(cpu));
        assertEquals("cuda backend was handed a storage of backend 'cpu'; move the tensor with .to(\"cuda\") first",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> storages.allocate(DType.F32, -1));
    }

    @Test
    void theDevicePointerOfAnOffsetIsInBytes() {
        CudaStorage s = storages.allocate(DType.F64, 10);
        assertTrue(s.ptr(3).toString().contains("byteOffset=24"), s.ptr(3).toString());
        s.release();
    }
}
