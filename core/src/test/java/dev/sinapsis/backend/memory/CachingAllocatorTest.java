package dev.sinapsis.backend.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.MemoryStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caching allocator over a fake device with a fixed capacity that records every driver call. */
class CachingAllocatorTest {
    /** A buffer of the fake device. */
    record FakeBuffer(int id, long bytes) {
    }

    /** A device of {@code capacity} bytes: allocate answers null once it would overflow. */
    static final class FakeDevice implements DeviceAllocator<FakeBuffer> {
        final long capacity;
        long used;
        int nextId;
        final List<Long> attempts = new ArrayList<>();
        final List<FakeBuffer> freed = new ArrayList<>();

        FakeDevice(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public FakeBuffer allocate(long bytes) {
            attempts.add(bytes);
            if (used + bytes > capacity) {
                return null;
            }
            used += bytes;
            return new FakeBuffer(nextId++, bytes);
        }

        @Override
        public void free(FakeBuffer buffer) {
            used -= buffer.bytes();
            freed.add(buffer);
        }
    }

    private static final long MIB = 1L << 20;

    @Test
    void sizeClassesArePowersOfTwoThenQuarterSteps() {
        assertEquals(64, CachingAllocator.sizeClass(0));
        assertEquals(64, CachingAllocator.sizeClass(1));
        assertEquals(64, CachingAllocator.sizeClass(64));
        assertEquals(128, CachingAllocator.sizeClass(65));
        assertEquals(1024, CachingAllocator.sizeClass(1000));
        assertEquals(MIB, CachingAllocator.sizeClass(MIB));
        assertEquals(MIB + MIB / 4, CachingAllocator.sizeClass(MIB + 1));
        assertEquals(3 * MIB + MIB / 2, CachingAllocator.sizeClass(3 * MIB + 1));
        assertEquals(4 * MIB, CachingAllocator.sizeClass(3 * MIB + MIB / 2 + 1));
        for (long b = 1; b < 64 * MIB; b = b * 3 + 7) {
            long c = CachingAllocator.sizeClass(b);
            assertTrue(c >= b && (c <= 64 || c - b < c / 2 || b <= MIB), "class " + c + " of " + b);
            assertEquals(c, CachingAllocator.sizeClass(c), "a class is its own class");
        }
    }

    @Test
    void aFreedBufferIsHandedOutAgainForTheSameSizeClass() {
        FakeDevice dev = new FakeDevice(MIB);
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0", dev, MIB);
        BufferLease<FakeBuffer> a = pool.acquire(100);
        FakeBuffer first = a.buffer();
        assertEquals(128, a.bytes());
        a.close();
        BufferLease<FakeBuffer> b = pool.acquire(120);
        assertSame(first, b.buffer(), "same size class: the cached buffer");
        BufferLease<FakeBuffer> c = pool.acquire(1000);
        assertNotSame(first, c.buffer(), "another size class: a new buffer");
        assertEquals(List.of(128L, 1024L), dev.attempts, "two driver allocations for three hand-outs");
        assertEquals(2, pool.stats().allocations());
    }

    @Test
    void countersFollowLiveCachedAndPeakBytes() {
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0", new FakeDevice(MIB), MIB);
        BufferLease<FakeBuffer> a = pool.acquire(256);
        BufferLease<FakeBuffer> b = pool.acquire(1024);
        assertEquals(new MemoryStats(1280, 0, 1280, 2, 2), pool.stats());
        a.close();
        assertEquals(new MemoryStats(1024, 256, 1280, 1, 2), pool.stats());
        a.close(); // idempotent: the Cleaner may run after an explicit release
        assertEquals(new MemoryStats(1024, 256, 1280, 1, 2), pool.stats());
        BufferLease<FakeBuffer> c = pool.acquire(200);
        assertEquals(new MemoryStats(1280, 0, 1280, 2, 2), pool.stats(), "reuse is no allocation");
        b.close();
        c.close();
        assertEquals(new MemoryStats(0, 1280, 1280, 0, 2), pool.stats());
        assertEquals(1280, pool.stats().reservedBytes());
    }

    @Test
    void aReturnedLeaseNoLongerGivesItsBuffer() {
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0", new FakeDevice(MIB), MIB);
        BufferLease<FakeBuffer> a = pool.acquire(8);
        a.close();
        assertThrows(IllegalStateException.class, a::buffer);
        assertThrows(IllegalArgumentException.class, () -> pool.acquire(-1));
    }

    @Test
    void buffersBeyondTheCacheLimitGoBackToTheDriver() {
        FakeDevice dev = new FakeDevice(MIB);
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0", dev, 300);
        BufferLease<FakeBuffer> a = pool.acquire(256);
        BufferLease<FakeBuffer> b = pool.acquire(256);
        FakeBuffer second = b.buffer();
        a.close();
        b.close();
        assertEquals(256, pool.stats().cachedBytes(), "only one 256-byte buffer fits under the 300-byte limit");
        assertEquals(List.of(second), dev.freed);
        pool.trim();
        assertEquals(0, pool.stats().cachedBytes());
        assertEquals(2, dev.freed.size());
        assertEquals(0, dev.used);
    }

    @Test
    void outOfMemoryReleasesTheCacheAndRetriesOnce() {
        FakeDevice dev = new FakeDevice(1024);
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0", dev, MIB);
        pool.acquire(512).close(); // cached: the device has 512 bytes left
        BufferLease<FakeBuffer> big = pool.acquire(1024);
        assertEquals(List.of(512L, 1024L, 1024L), dev.attempts, "failed, trimmed, retried");
        assertEquals(1, dev.freed.size(), "the cached buffer went back to the driver");
        assertEquals(new MemoryStats(1024, 0, 1024, 1, 2), pool.stats());
        big.close();
    }

    @Test
    void outOfMemoryAfterTheRetryIsAClearError() {
        FakeDevice dev = new FakeDevice(2048);
        CachingAllocator<FakeBuffer> pool = new CachingAllocator<>("fake:0 (test device)", dev, MIB);
        BufferLease<FakeBuffer> held = pool.acquire(1024);
        pool.acquire(512).close();
        DeviceMemoryException e = assertThrows(DeviceMemoryException.class, () -> pool.acquire(1500));
        assertEquals(1500, e.requestedBytes());
        assertEquals(1024, e.stats().liveBytes());
        assertEquals(0, e.stats().cachedBytes(), "the cache was released before giving up");
        assertEquals(List.of(1024L, 512L, 2048L, 2048L), dev.attempts, "exactly one retry");
        String m = e.getMessage();
        assertTrue(m.contains("fake:0 (test device)") && m.contains("1500 bytes") && m.contains("2048 bytes"), m);
        assertTrue(m.contains("live 1.0 KiB in 1 buffers") && m.contains("cached 0 B"), m);
        assertTrue(m.contains("close tensors") && m.contains("smaller batch"), m);
        assertTrue(e instanceof RuntimeException);
        held.close();
        assertEquals(new MemoryStats(0, 1024, 1536, 0, 2), pool.stats(), "a failed request changes no counter");
    }

    @Test
    void closingReleasesTheCacheAndStopsCaching() {
        FakeDevice dev = new FakeDevice(16 * MIB);
        CachingAllocator<FakeBuffer> a = new CachingAllocator<>("fake:0", dev, 8 * MIB);
        BufferLease<FakeBuffer> kept = a.acquire(1000);
        a.acquire(5000).close();
        assertEquals(8192, a.stats().cachedBytes());
        a.close();
        assertEquals(0, a.stats().cachedBytes(), "the cache went back to the driver");
        assertEquals(1, dev.freed.size());
        kept.close();
        assertEquals(0, a.stats().cachedBytes(), "a buffer released after close is freed, not cached");
        assertEquals(2, dev.freed.size());
        assertEquals(0, dev.used);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.acquire(64));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        a.close(); // idempotent
    }

    @Test
    void aSizeClassCachesAtMostMaxCachedPerClassBuffers() {
        FakeDevice dev = new FakeDevice(64 * MIB);
        CachingAllocator<FakeBuffer> a = new CachingAllocator<>("fake:0", dev, 64 * MIB);
        int n = CachingAllocator.MAX_CACHED_PER_CLASS + 100;
        List<BufferLease<FakeBuffer>> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(a.acquire(64));
        }
        leases.forEach(BufferLease::close);
        assertEquals(64L * CachingAllocator.MAX_CACHED_PER_CLASS, a.stats().cachedBytes(),
                "tiny buffers returned all at once (a collection) are cached up to the per-class cap");
        assertEquals(100, dev.freed.size(), "the rest go back to the driver");
    }
}
