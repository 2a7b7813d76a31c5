package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.tensor.DType;
import java.lang.reflect.Array;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Allocation, host transfers, copies and fills. Contiguous same-dtype copies and contiguous fills
 * of 1- and 4-byte elements are driver commands on the stream; strided or converting copies are
 * elementwise kernels, other fills the fill kernel. Uploads and downloads wait for the stream
 * (the only host synchronisation besides the index check) and then copy synchronously.
 */
final class CudaMemory {
    private final CudaRuntime runtime;
    private final CudaStorages storages;
    private final CudaElementwise elementwise;

    CudaMemory(CudaRuntime runtime, CudaStorages storages, CudaElementwise elementwise) {
        this.runtime = runtime;
        this.storages = storages;
        this.elementwise = elementwise;
    }

    /** A zero-filled storage. */
    Storage allocate(DType dtype, int size) {
        CudaStorage s = storages.allocate(dtype, size);
        if (size > 0) {
            long bytes = (long) size * dtype.byteSize();
            CUdeviceptr p = s.ptr();
            runtime.call("zero-fill", () -> JCudaDriver.cuMemsetD8Async(p, (byte) 0, bytes, runtime.stream()));
        }
        return s;
    }

    Storage upload(DType dtype, Object hostArray) {
        if (!dtype.hostArrayType().isInstance(hostArray)) {
            throw new IllegalArgumentException("upload: a " + hostArray.getClass().getSimpleName()
                    + " cannot hold " + dtype + " (expected " + dtype.hostArrayType().getSimpleName() + ")");
        }
        int n = Array.getLength(hostArray);
        CudaStorage s = storages.allocate(dtype, n);
        if (n > 0) {
            Pointer host = hostPointer(dtype, hostArray);
            long bytes = (long) n * dtype.byteSize();
            CUdeviceptr p = s.ptr();
            // a reused buffer may still be read by queued kernels: wait for them first
            runtime.synchronize();
            runtime.call("upload", () -> JCudaDriver.cuMemcpyHtoD(p, host, bytes));
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
        CudaStorage from = storages.of(src);
        CudaStorage tmp = null;
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
            CUdeviceptr d = from.ptr(offset);
            long bytes = (long) n * t.byteSize();
            runtime.synchronize();
            runtime.call("download", () -> JCudaDriver.cuMemcpyDtoH(p, d, bytes));
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
            CUdeviceptr s = storages.of(src).ptr(src.offset());
            CUdeviceptr d = storages.of(dst).ptr(dst.offset());
            long bytes = (long) n * dst.dtype().byteSize();
            runtime.call("copy", () -> JCudaDriver.cuMemcpyDtoDAsync(d, s, bytes, runtime.stream()));
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
        if (dst.isContiguous() && t.byteSize() != 8) {
            CUdeviceptr p = storages.of(dst).ptr(dst.offset());
            if (t.byteSize() == 1) {
                byte v = (byte) (value != 0 ? 1 : 0);
                runtime.call("fill", () -> JCudaDriver.cuMemsetD8Async(p, v, n, runtime.stream()));
            } else {
                int bits = t == DType.F32 ? Float.floatToRawIntBits((float) value) : (int) (long) value;
                runtime.call("fill", () -> JCudaDriver.cuMemsetD32Async(p, bits, n, runtime.stream()));
            }
            return;
        }
        // 8-byte elements (no driver memset for them) and strided views: the fill kernel
        CoalescedAxes axes = CoalescedAxes.of(dst.shape().toArray(), dst.strides());
        runtime.launch(Kernels.copy(t, elementwise.vectorWidth()), Kernels.fillName(t))
                .buffer(storages.of(dst)).i(dst.offset()).strides(axes, 0).shape(axes).i(axes.rank()).i(n)
                .scalar(t, value)
                .runPerElement(n);
    }
}
