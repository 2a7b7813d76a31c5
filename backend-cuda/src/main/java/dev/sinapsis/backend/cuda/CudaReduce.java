package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import jcuda.driver.CUdeviceptr;

/**
 * Reductions over the trailing axes ({@code reduce.c}): one block per output folding its
 * elements in shared memory. With fewer outputs than the device has room for, each output's range
 * is split into ordered parts whose partial results a second kernel combines, so a full reduction
 * still keeps every compute unit busy.
 */
final class CudaReduce {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaReduce(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void reduce(ReduceOp op, View out, View in) {
        int outputs = out.numel();
        if (outputs == 0) {
            return;
        }
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("reduce: the output must be contiguous");
        }
        DType t = in.dtype();
        int outRank = out.rank();
        int[] inDims = in.shape().toArray();
        int[] inStrides = in.strides();
        CoalescedAxes outer = CoalescedAxes.of(Arrays.copyOf(inDims, outRank), Arrays.copyOf(inStrides, outRank));
        CoalescedAxes inner = CoalescedAxes.of(Arrays.copyOfRange(inDims, outRank, inDims.length),
                Arrays.copyOfRange(inStrides, outRank, inStrides.length));
        int m = inner.numel();
        ProgramSpec spec = Kernels.reduce(t, true);
        String name = Kernels.reduceName(op, t);
        int lsz = runtime.reductionLocalSize(spec, name, m);
        int targetGroups = Math.max(8, 4 * runtime.device().multiprocessors());
        int parts = 1;
        if (outputs < targetGroups && m >= 4L * lsz) {
            parts = (int) Math.min((targetGroups + outputs - 1) / outputs, m / (2L * lsz));
        }
        if (parts <= 1) {
            runtime.launch(spec, name).buffer(storages.of(out)).i(out.offset()).buffer(storages.of(in)).i(in.offset())
                    .shape(outer).strides(outer, 0).i(outer.rank())
                    .shape(inner).strides(inner, 0).i(inner.rank()).i(m)
                    .runGroups(outputs, lsz);
            return;
        }
        int groups = outputs * parts;
        DType acc = Kernels.reduceAccType(t, true);
        // the single stream runs every later user of these buffers after the kernels below
        try (BufferLease<CUdeviceptr> values = storages.scratch((long) groups * acc.byteSize());
             BufferLease<CUdeviceptr> indices = storages.scratch((long) groups * DType.I64.byteSize())) {
            runtime.launch(spec, name + "_part").buffer(values.buffer(), acc).buffer(indices.buffer(), DType.I64)
                    .buffer(storages.of(in)).i(in.offset())
                    .shape(outer).strides(outer, 0).i(outer.rank())
                    .shape(inner).strides(inner, 0).i(inner.rank()).i(m).i(parts)
                    .runGroups(groups, lsz);
            int combineLsz = runtime.reductionLocalSize(spec, name + "_combine", parts);
            runtime.launch(spec, name + "_combine").buffer(storages.of(out)).i(out.offset())
                    .buffer(values.buffer(), acc).buffer(indices.buffer(), DType.I64).i(parts)
                    .runGroups(outputs, combineLsz);
        }
    }
}
