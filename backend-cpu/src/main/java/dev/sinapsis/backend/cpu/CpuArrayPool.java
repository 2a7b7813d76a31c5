package dev.sinapsis.backend.cpu;

import dev.sinapsis.tensor.DType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Large host arrays released by their scope, kept for the next allocation of the same dtype and
 * length. A training step allocates the same activation and gradient sizes every step (a {@code cnn}
 * step at batch 128: about 60 MB in arrays of 1–6 MB); without the pool each is a fresh G1
 * humongous object, zeroed by the allocating thread alone and reclaimed by extra collection cycles.
 * A reused array is zeroed again in parallel, so {@code allocate} still returns zeros; an op's output
 * ({@code allocateForOverwrite}) is handed out as it was left.
 *
 * <p>Arrays of at least {@link #MIN_BYTES} ({@code -Dsinapsis.cpu.poolMinBytes}, default 4 KiB) are
 * pooled, and at most {@code -Dsinapsis.cpu.poolBytes} (default: an eighth of the maximum heap) are
 * held; past that a released array is left to the garbage collector. Small arrays are pooled too
 * because an LSTM step allocates thousands of them (a 64 x 512 gate block is 128 KiB): left to
 * the collector they made G1 grow its heap into fresh pages for many seconds, and where the first touch
 * of a page is dear (a virtual machine) the step took 306–416 ms against 128–149 ms pooled
 * ({@code TrainThroughput lstm 64 20}, 2 cores, AMD EPYC VM; the MLP, CNN and DCGAN steps unchanged,
 * the MLP GAN's 14–22 ms → 12 ms). Below a page, allocation from the thread's buffer stays cheaper.
 */
final class CpuArrayPool {
    /** Arrays below this size are not pooled. */
    static final long MIN_BYTES = Long.getLong("sinapsis.cpu.poolMinBytes", 4 * 1024);
    private static final long MAX_BYTES = Long.getLong("sinapsis.cpu.poolBytes", Runtime.getRuntime().maxMemory() / 8);

    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
    private static long held;

    private CpuArrayPool() {
    }

    /** True when arrays of this dtype and length are pooled. */
    static boolean pooled(DType dtype, int size) {
        return (long) size * dtype.byteSize() >= MIN_BYTES;
    }

    private static long key(DType dtype, int size) {
        return ((long) dtype.ordinal() << 32) | size;
    }

    /** A zeroed array of the dtype and length: a released one when the pool has it, else a new one. */
    static Object take(DType dtype, int size) {
        return take(dtype, size, true);
    }

    /**
     * An array of the dtype and length, a released one when the pool has it (zeroed only with
     * {@code zeroed}: a result about to be overwritten needs no clearing), else a new one.
     */
    static Object take(DType dtype, int size, boolean zeroed) {
        Object array;
        synchronized (CpuArrayPool.class) {
            ArrayDeque<Object> q = FREE.get(key(dtype, size));
            array = q == null ? null : q.pollLast();
            if (array != null) {
                held -= (long) size * dtype.byteSize();
            }
        }
        if (array == null) {
            return dtype.newHostArray(size);
        }
        if (zeroed) {
            zero(array, size);
        }
        return array;
    }

    /** Keeps a released array for reuse, unless the pool is full. */
    static void give(DType dtype, Object array, int size) {
        long bytes = (long) size * dtype.byteSize();
        synchronized (CpuArrayPool.class) {
            if (held + bytes > MAX_BYTES) {
                return;
            }
            held += bytes;
            FREE.computeIfAbsent(key(dtype, size), k -> new ArrayDeque<>()).addLast(array);
        }
    }

    private static void zero(Object array, int size) {
        Parallel.forRange(size, 1, (from, to) -> {
            if (array instanceof float[] f) {
                java.util.Arrays.fill(f, from, to, 0f);
            } else if (array instanceof double[] d) {
                java.util.Arrays.fill(d, from, to, 0.0);
            } else if (array instanceof long[] l) {
                java.util.Arrays.fill(l, from, to, 0L);
            } else if (array instanceof int[] i) {
                java.util.Arrays.fill(i, from, to, 0);
            } else if (array instanceof boolean[] b) {
                java.util.Arrays.fill(b, from, to, false);
            } else {
                throw new IllegalStateException("CpuArrayPool: no zero for " + array.getClass());
            }
        });
    }
}
