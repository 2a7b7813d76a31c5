package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;

/**
 * Gather and scatter-add along one axis. Both walk the index tensor's shape; the indexed
 * operand's stride along the axis is zeroed in the loop and added back per element from the index.
 */
final class CpuIndex {
    private CpuIndex() {
    }

    static void gather(View out, View in, int axis, View index) {
        int[] inStrides = in.strides().clone();
        int axisStride = inStrides[axis];
        inStrides[axis] = 0;
        int size = in.dim(axis);
        StridedLoop loop = StridedLoop.of(out.shape().toArray(),
                new int[][] {out.strides(), index.strides(), inStrides},
                new int[] {out.offset(), index.offset(), in.offset()});
        Object dst = CpuStorage.of(out.storage()).array();
        long[] idx = CpuStorage.of(index.storage()).longs();
        Object src = CpuStorage.of(in.storage()).array();
        DType t = in.dtype();
        int os = loop.innerStride(0);
        int is = loop.innerStride(1);
        int ss = loop.innerStride(2);
        loop.parallel(4, (off, n) -> {
            if (is == 0 && os == 1 && ss == 1) {
                // one index for the whole run (an embedding's row, indexSelect): one bounds check, one copy
                long k = idx[off[1]];
                if (k < 0 || k >= size) {
                    throw outOfBounds("gather", k, axis, size);
                }
                System.arraycopy(src, off[2] + (int) k * axisStride, dst, off[0], n);
                return;
            }
            for (int i = 0; i < n; i++) {
                long k = idx[off[1] + i * is];
                if (k < 0 || k >= size) {
                    throw outOfBounds("gather", k, axis, size);
                }
                int from = off[2] + i * ss + (int) k * axisStride;
                if (t == DType.F32) {
                    ((float[]) dst)[off[0] + i * os] = ((float[]) src)[from];
                } else {
                    Elements.convert(dst, t, off[0] + i * os, src, t, from);
                }
            }
        });
    }

    static void scatterAdd(View out, int axis, View index, View src) {
        // Chunks along another dimension write disjoint parts of out (an element's coordinate there is
        // its own), so they may run in parallel; each keeps the serial order of its sums, so results
        // do not depend on the split. An embedding's gradient ([N, D] rows into [V, D]) splits D.
        int split = -1;
        for (int d = 0; d < src.rank(); d++) {
            if (d != axis && (split < 0 || src.dim(d) > src.dim(split))) {
                split = d;
            }
        }
        if (split < 0 || src.dim(split) < 2 || (long) src.numel() < Parallel.MIN_WORK) {
            scatterAddSerial(out, axis, index, src);
            return;
        }
        int s = split;
        Parallel.forRange(src.dim(s), Math.max(1, src.numel() / src.dim(s)), (from, to) ->
                scatterAddSerial(narrow(out, s, from, to), axis, narrow(index, s, from, to), narrow(src, s, from, to)));
    }

    /** {@code v} restricted to {@code [from, to)} along {@code dim}. */
    private static View narrow(View v, int dim, int from, int to) {
        int[] shape = v.shape().toArray();
        shape[dim] = to - from;
        return new View(v.storage(), dev.sinapsis.tensor.Shape.of(shape), v.strides(), v.offset() + from * v.strides()[dim]);
    }

    private static void scatterAddSerial(View out, int axis, View index, View src) {
        int[] outStrides = out.strides().clone();
        int axisStride = outStrides[axis];
        outStrides[axis] = 0;
        int size = out.dim(axis);
        StridedLoop loop = StridedLoop.of(src.shape().toArray(),
                new int[][] {outStrides, index.strides(), src.strides()},
                new int[] {out.offset(), index.offset(), src.offset()});
        Object dst = CpuStorage.of(out.storage()).array();
        long[] idx = CpuStorage.of(index.storage()).longs();
        Object from = CpuStorage.of(src.storage()).array();
        DType t = out.dtype();
        int os = loop.innerStride(0);
        int is = loop.innerStride(1);
        int ss = loop.innerStride(2);
        // in order: two source elements may target the same output element
        loop.run(0, loop.numel(), (off, n) -> {
            if (t == DType.F32) {
                float[] d = (float[]) dst;
                float[] f = (float[]) from;
                if (is == 0 && os == 1 && ss == 1) {
                    // one index for the whole run (an embedding's gradient row): one bounds check, one add loop
                    long k = idx[off[1]];
                    if (k < 0 || k >= size) {
                        throw outOfBounds("scatterAdd", k, axis, size);
                    }
                    addRow(d, off[0] + (int) k * axisStride, f, off[2], n);
                    return;
                }
                for (int i = 0; i < n; i++) {
                    long k = idx[off[1] + i * is];
                    if (k < 0 || k >= size) {
                        throw outOfBounds("scatterAdd", k, axis, size);
                    }
                    d[off[0] + i * os + (int) k * axisStride] += f[off[2] + i * ss];
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                long k = idx[off[1] + i * is];
                if (k < 0 || k >= size) {
                    throw outOfBounds("scatterAdd", k, axis, size);
                }
                int d = off[0] + i * os + (int) k * axisStride;
                int s = off[2] + i * ss;
                switch (t) {
                    case F32 -> ((float[]) dst)[d] += ((float[]) from)[s];
                    case F64 -> ((double[]) dst)[d] += ((double[]) from)[s];
                    case I32 -> ((int[]) dst)[d] += ((int[]) from)[s];
                    case I64 -> ((long[]) dst)[d] += ((long[]) from)[s];
                    case BOOL -> ((boolean[]) dst)[d] |= ((boolean[]) from)[s];
                }
            }
        });
    }

    /** {@code d[at, at+n) += f[from, from+n)}. */
    private static void addRow(float[] d, int at, float[] f, int from, int n) {
        for (int j = 0; j < n; j++) {
            d[at + j] += f[from + j];
        }
    }

    private static IndexOutOfBoundsException outOfBounds(String op, long index, int axis, int size) {
        return new IndexOutOfBoundsException(op + ": index " + index + " is out of bounds for axis " + axis
                + " of size " + size);
    }
}
