package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import jcuda.Pointer;
import jcuda.driver.JCudaDriver;
import jcuda.driver.CUdeviceptr;

/**
 * Gather and scatter-add along one axis ({@code index.c}; scatter-add is atomic). Kernels report
 * an out-of-range index in a small error buffer, which is read back (a host wait) unless
 * {@link CudaBackend#CHECK_INDICES_PROPERTY} is false.
 */
final class CudaIndex {
    private final CudaRuntime runtime;
    private final CudaStorages storages;
    private final boolean checkIndices;

    CudaIndex(CudaRuntime runtime, CudaStorages storages, boolean checkIndices) {
        this.runtime = runtime;
        this.storages = storages;
        this.checkIndices = checkIndices;
    }

    /** Walks {@code out}'s shape, reading {@code in} at the index along {@code axis}. */
    void gather(View out, View in, int axis, View index) {
        indexOp(true, out, in, index, axis, in.dim(axis), in);
    }

    /** Walks {@code src}'s shape, adding into {@code out} at the index along {@code axis}. */
    void scatterAdd(View out, int axis, View index, View src) {
        indexOp(false, out, src, index, axis, out.dim(axis), out);
    }

    /**
     * {@code indexed} is the operand addressed through the index: its stride along {@code axis}
     * goes to the kernel separately and is zeroed in its strides.
     */
    private void indexOp(boolean gather, View out, View data, View index, int axis, int size, View indexed) {
        String op = gather ? "gather" : "scatterAdd";
        if (index.dtype() != DType.I64) {
            throw new IllegalArgumentException(op + ": index must be I64, got " + index.dtype());
        }
        DType t = out.dtype();
        if (data.dtype() != t) {
            throw new IllegalArgumentException(op + ": dtypes " + t + " and " + data.dtype());
        }
        Shape walk = gather ? out.shape() : data.shape();
        int n = walk.numel();
        if (n == 0) {
            return;
        }
        int[] zeroed = indexed.strides().clone();
        int axisStride = zeroed[axis];
        zeroed[axis] = 0;
        int[] outStrides = gather ? out.strides() : zeroed;
        int[] dataStrides = gather ? zeroed : data.strides();
        ProgramSpec spec = Kernels.index(t);
        String name = Kernels.indexName(t) + (gather ? "_gather" : "_scatter_add");
        try (BufferLease<CUdeviceptr> err = storages.scratch(16)) {
            CUdeviceptr e = err.buffer();
            runtime.call(name, () -> JCudaDriver.cuMemsetD32Async(e, 0, 4, runtime.stream()));
            runtime.launch(spec, name).buffer(storages.of(out)).i(out.offset()).dims(outStrides)
                    .buffer(storages.of(data)).i(data.offset()).dims(dataStrides)
                    .buffer(storages.of(index)).i(index.offset()).dims(index.strides())
                    .dims(walk.toArray()).i(walk.rank()).i(n).i(axisStride).i(size).buffer(e, DType.I64)
                    .runPerElement(n);
            if (checkIndices) {
                long[] flagAndIndex = new long[2];
                runtime.synchronize();
                runtime.call(name, () -> JCudaDriver.cuMemcpyDtoH(Pointer.to(flagAndIndex), e, 16));
                if (flagAndIndex[0] != 0) {
                    throw new IndexOutOfBoundsException(op + ": index " + flagAndIndex[1] + " is out of bounds for axis "
                            + axis + " of size " + size);
                }
            }
        }
    }
}
