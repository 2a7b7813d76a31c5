package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/** Allocation, host transfer, strided copy with dtype conversion, and fill. */
final class CpuMemory {
    private CpuMemory() {
    }

    static Storage allocate(Backend backend, DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate: negative size " + size);
        }
        if (CpuArrayPool.pooled(dtype, size)) {
            return new CpuStorage(backend, dtype, CpuArrayPool.take(dtype, size), counter(backend), true);
        }
        return new CpuStorage(backend, dtype, dtype.newHostArray(size), counter(backend));
    }

    /**
     * Whether results allocated for overwriting are filled with garbage (NaN, -1, true) first:
     * {@code -Dsinapsis.cpu.poisonOverwrite=true}, which the backend's own test suite sets, so an op that
     * leaves part of its output unwritten fails there instead of reading zeros by luck.
     */
    private static final boolean POISON = Boolean.getBoolean("sinapsis.cpu.poisonOverwrite");

    /** {@code MemoryOps.allocateForOverwrite}: a pooled array is not cleared. */
    static Storage allocateForOverwrite(Backend backend, DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate: negative size " + size);
        }
        boolean pooled = CpuArrayPool.pooled(dtype, size);
        Object array = pooled ? CpuArrayPool.take(dtype, size, false) : dtype.newHostArray(size);
        if (POISON) {
            poison(array);
        }
        return new CpuStorage(backend, dtype, array, counter(backend), pooled);
    }

    private static void poison(Object array) {
        if (array instanceof float[] f) {
            java.util.Arrays.fill(f, Float.NaN);
        } else if (array instanceof double[] d) {
            java.util.Arrays.fill(d, Double.NaN);
        } else if (array instanceof long[] l) {
            java.util.Arrays.fill(l, -1L);
        } else if (array instanceof int[] i) {
            java.util.Arrays.fill(i, -1);
        } else if (array instanceof boolean[] b) {
            java.util.Arrays.fill(b, true);
        }
    }

    static Storage upload(Backend backend, DType dtype, Object hostArray) {
        if (!dtype.hostArrayType().isInstance(hostArray)) {
            throw new IllegalArgumentException("upload: a " + hostArray.getClass().getSimpleName()
                    + " cannot hold " + dtype + " (expected " + dtype.hostArrayType().getSimpleName() + ")");
        }
        int n = java.lang.reflect.Array.getLength(hostArray);
        Object copy = dtype.newHostArray(n);
        System.arraycopy(hostArray, 0, copy, 0, n);
        return new CpuStorage(backend, dtype, copy, counter(backend));
    }

    private static dev.sinapsis.backend.MemoryCounter counter(Backend backend) {
        return backend instanceof CpuBackend cpu ? cpu.counter() : null;
    }

    static Object download(Backend backend, View src) {
        Object host = src.dtype().newHostArray(src.numel());
        CpuStorage tmp = new CpuStorage(backend, src.dtype(), host);
        copy(View.contiguous(tmp, src.shape()), src);
        return host;
    }

    static void copy(View dst, View src) {
        if (!dst.shape().equals(src.shape())) {
            throw new IllegalArgumentException("copy: shapes " + dst.shape() + " and " + src.shape() + " differ");
        }
        StridedLoop loop = StridedLoop.of(dst.shape(), dst, src);
        Object d = CpuStorage.of(dst.storage()).array();
        Object s = CpuStorage.of(src.storage()).array();
        int ds = loop.innerStride(0);
        int ss = loop.innerStride(1);
        DType dt = dst.dtype();
        DType st = src.dtype();
        if (dt == st) {
            if (ds == 1 && ss == 1) {
                loop.parallel(1, (off, n) -> System.arraycopy(s, off[1], d, off[0], n));
            } else if (dt == DType.F32) {
                float[] fd = (float[]) d;
                float[] fs = (float[]) s;
                loop.parallel(2, (off, n) -> {
                    for (int i = 0; i < n; i++) {
                        fd[off[0] + i * ds] = fs[off[1] + i * ss];
                    }
                });
            } else if (dt == DType.F64) {
                double[] fd = (double[]) d;
                double[] fs = (double[]) s;
                loop.parallel(2, (off, n) -> {
                    for (int i = 0; i < n; i++) {
                        fd[off[0] + i * ds] = fs[off[1] + i * ss];
                    }
                });
            } else {
                loop.parallel(4, (off, n) -> {
                    for (int i = 0; i < n; i++) {
                        Elements.convert(d, dt, off[0] + i * ds, s, st, off[1] + i * ss);
                    }
                });
            }
            return;
        }
        if (dt == DType.F64 && st == DType.F32) {
            double[] fd = (double[]) d;
            float[] fs = (float[]) s;
            loop.parallel(2, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    fd[off[0] + i * ds] = fs[off[1] + i * ss];
                }
            });
            return;
        }
        if (dt == DType.F32 && st == DType.F64) {
            float[] fd = (float[]) d;
            double[] fs = (double[]) s;
            loop.parallel(2, (off, n) -> {
                for (int i = 0; i < n; i++) {
                    fd[off[0] + i * ds] = (float) fs[off[1] + i * ss];
                }
            });
            return;
        }
        if (dt == DType.F32 && st == DType.BOOL) {
            float[] fd = (float[]) d;
            boolean[] bs = (boolean[]) s;
            loop.parallel(2, (off, n) -> {
                if (ds == 1 && ss == 1) {
                    VectorLoops.boolToFloat(bs, off[1], fd, off[0], n);
                } else {
                    for (int i = 0; i < n; i++) {
                        fd[off[0] + i * ds] = bs[off[1] + i * ss] ? 1f : 0f;
                    }
                }
            });
            return;
        }
        loop.parallel(4, (off, n) -> {
            for (int i = 0; i < n; i++) {
                Elements.convert(d, dt, off[0] + i * ds, s, st, off[1] + i * ss);
            }
        });
    }

    static void fill(View dst, double value) {
        StridedLoop loop = StridedLoop.of(dst.shape(), dst);
        Object d = CpuStorage.of(dst.storage()).array();
        int ds = loop.innerStride(0);
        DType dt = dst.dtype();
        if (dt == DType.F32 && ds == 1) {
            float v = (float) value;
            loop.parallel(1, (off, n) -> java.util.Arrays.fill((float[]) d, off[0], off[0] + n, v));
            return;
        }
        loop.parallel(2, (off, n) -> {
            for (int i = 0; i < n; i++) {
                if (dt == DType.BOOL) {
                    ((boolean[]) d)[off[0] + i * ds] = value != 0;
                } else {
                    Elements.setDouble(d, dt, off[0] + i * ds, value);
                }
            }
        });
    }
}
