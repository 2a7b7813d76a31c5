package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.tensor.DType;
import java.lang.reflect.Array;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * Allocation, host transfers, copies and fills. Contiguous same-dtype copies and contiguous fills
 * are driver commands; strided or converting copies are elementwise kernels, strided fills the
 * fill kernel. Uploads and downloads block until the transfer is done.
 */
final class OpenClMemory {
    private final OpenClRuntime runtime;
    private final OpenClStorages storages;
    private final OpenClElementwise elementwise;

    OpenClMemory(OpenClRuntime runtime, OpenClStorages storages, OpenClElementwise elementwise) {
        this.runtime = runtime;
        this.storages = storages;
        this.elementwise = elementwise;
    }

    /** A zero-filled storage. */
    Storage allocate(DType dtype, int size) {
        OpenClStorage s = storages.allocate(dtype, size);
        if (size > 0) {
            long bytes = (long) size * dtype.byteSize();
            runtime.enqueue("zero-fill", () -> CL.clEnqueueFillBuffer(runtime.queue(), s.mem(),
                    Pointer.to(new byte[] {0}), 1, 0, bytes, 0, null, null));
        }
        return s;
    }

    Storage upload(DType dtype, Object hostArray) {
        if (!dtype.hostArrayType().isInstance(hostArray)) {
            throw new IllegalArgumentException("upload: a " + hostArray.getClass().getSimpleName()
                    + " cannot hold " + dtype + " (expected " + dtype.hostArrayType().getSimpleName() + ")");
        }
        int n = Array.getLength(hostArray);
        OpenClStorage s = storages.allocate(dtype, n);
        if (n > 0) {
            Pointer p = hostPointer(dtype, hostArray);
            long bytes = (long) n * dtype.byteSize();
            runtime.enqueue("upload", () -> CL.clEnqueueWriteBuffer(runtime.queue(), s.mem(), true, 0, bytes, p,
                    0, null, null));
        }
        return s;
    }

    /** A pointer to the host data as the device lays it out (BOOL as bytes 0 and 1). */
    private static Pointer hostPointer(DType dtype, Object a) {
        return switch (dtype) {
            case F32 -> Pointer.to((float[]) a);
            case F64 -> Pointer.to((double[]) a);
            case I32 -> Pointer.to((int[]) a);
            case I64 -> Pointer.to((long[]) a);
            case BOOL -> {
                boolean[] b = (boolean[]) a;
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    bytes[i] = (byte) (b[i] ? 1 : 0);
                }
                yield Pointer.to(bytes);
            }
        };
    }

    Object download(View src) {
        DType t = src.dtype();
        int n = src.numel();
        Object host = t.newHostArray(n);
        if (n == 0) {
            return host;
        }
        OpenClStorage from = storages.of(src);
        OpenClStorage tmp = null;
        int offset = src.offset();
        if (!src.isContiguous()) {
            tmp = storages.allocate(t, n);
            copy(View.contiguous(tmp, src.shape()), src);
            from = tmp;
            offset = 0;
        }
        try {
            byte[] bools = t == DType.BOOL ? new byte[n] : null;
            Pointer p = bools != null ? Pointer.to(bools) : hostPointer(t, host);
            cl_mem m = from.mem();
            long off = (long) offset * t.byteSize();
            long bytes = (long) n * t.byteSize();
            runtime.enqueue("download", () -> CL.clEnqueueReadBuffer(runtime.queue(), m, true, off, bytes, p,
                    0, null, null));
            if (bools != null) {
                boolean[] out = (boolean[]) host;
                for (int i = 0; i < n; i++) {
                    out[i] = bools[i] != 0;
                }
            }
            return host;
        } finally {
            if (tmp != null) {
                tmp.release();
            }
        }
    }

    void copy(View dst, View src) {
        if (!dst.shape().equals(src.shape())) {
            throw new IllegalArgumentException("copy: shapes " + dst.shape() + " and " + src.shape() + " differ");
        }
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        if (dst.dtype() == src.dtype() && dst.isContiguous() && src.isContiguous()) {
            long b = dst.dtype().byteSize();
            cl_mem s = storages.of(src).mem();
            cl_mem d = storages.of(dst).mem();
            runtime.enqueue("copy", () -> CL.clEnqueueCopyBuffer(runtime.queue(), s, d, src.offset() * b,
                    dst.offset() * b, n * b, 0, null, null));
            return;
        }
        elementwise.copy(dst, src);
    }

    void fill(View dst, double value) {
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        DType t = dst.dtype();
        if (dst.isContiguous()) {
            Pointer p = scalarPointer(t, value);
            cl_mem m = storages.of(dst).mem();
            long b = t.byteSize();
            runtime.enqueue("fill", () -> CL.clEnqueueFillBuffer(runtime.queue(), m, p, b, dst.offset() * b, n * b,
                    0, null, null));
            return;
        }
        CoalescedAxes axes = CoalescedAxes.of(dst.shape().toArray(), dst.strides());
        runtime.launch(Kernels.copy(t, elementwise.vectorWidth()), Kernels.fillName(t))
                .buffer(storages.of(dst)).i(dst.offset()).strides(axes, 0).shape(axes).i(axes.rank()).i(n)
                .scalar(t, value)
                .runPerElement(n);
    }

    /** One element of {@code t} holding {@code value}, as a fill pattern. */
    private static Pointer scalarPointer(DType t, double value) {
        return switch (t) {
            case F32 -> Pointer.to(new float[] {(float) value});
            case F64 -> Pointer.to(new double[] {value});
            case I32 -> Pointer.to(new int[] {(int) (long) value});
            case I64 -> Pointer.to(new long[] {(long) value});
            case BOOL -> Pointer.to(new byte[] {(byte) (value != 0 ? 1 : 0)});
        };
    }
}
