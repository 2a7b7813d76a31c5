package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.RefCountedStorage;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.tensor.DType;

/**
 * Heap storage: one Java primitive array of the dtype's host type
 * ({@code float[]} for F32, {@code double[]} for F64, {@code int[]}, {@code long[]}, {@code boolean[]}).
 */
public final class CpuStorage extends RefCountedStorage {
    private final Backend backend;
    private Object array;
    /** The array came from {@link CpuArrayPool} (never a caller's array) and goes back to it when freed. */
    private final boolean pooled;

    /** Wraps {@code array} (not copied); its class must match {@code dtype}. */
    public CpuStorage(Backend backend, DType dtype, Object array) {
        this(backend, dtype, array, null);
    }

    /** As {@link #CpuStorage(Backend, DType, Object)}, counted in {@code counter} (may be null). */
    CpuStorage(Backend backend, DType dtype, Object array, dev.sinapsis.backend.MemoryCounter counter) {
        this(backend, dtype, array, counter, false);
    }

    /** As above; {@code pooled}: the array was taken from {@link CpuArrayPool} and is given back when freed. */
    CpuStorage(Backend backend, DType dtype, Object array, dev.sinapsis.backend.MemoryCounter counter,
               boolean pooled) {
        super(dtype, java.lang.reflect.Array.getLength(array), counter);
        if (!dtype.hostArrayType().isInstance(array)) {
            throw new IllegalArgumentException("CpuStorage: " + array.getClass().getSimpleName()
                    + " does not hold " + dtype);
        }
        this.backend = backend;
        this.array = array;
        this.pooled = pooled;
    }

    /** The CPU storage behind a view, or an error naming the foreign backend. */
    public static CpuStorage of(Storage s) {
        if (s instanceof CpuStorage c) {
            return c;
        }
        throw new IllegalArgumentException("cpu backend was handed a storage of backend '"
                + s.backend().name() + "'; move the tensor with .to(\"cpu\") first");
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The backing array (any dtype). */
    public Object array() {
        checkLive();
        return array;
    }

    /** The backing array of an F32 storage. */
    public float[] floats() {
        return (float[]) array();
    }

    /** The backing array of an F64 storage. */
    public double[] doubles() {
        return (double[]) array();
    }

    /** The backing array of an I32 storage. */
    public int[] ints() {
        return (int[]) array();
    }

    /** The backing array of an I64 storage. */
    public long[] longs() {
        return (long[]) array();
    }

    /** The backing array of a BOOL storage. */
    public boolean[] booleans() {
        return (boolean[]) array();
    }

    @Override
    protected void free() {
        Object a = array;
        array = null; // later use fails in checkLive()
        if (pooled && a != null) {
            CpuArrayPool.give(dtype(), a, size());
        }
    }
}
