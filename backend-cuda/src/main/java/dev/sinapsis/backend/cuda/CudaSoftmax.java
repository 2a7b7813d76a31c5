package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * The fused (log-)softmax over the last axis ({@code softmax.c}): one block per row, the
 * maximum and the sum folded in shared memory; rows of any stride, a contiguous output.
 */
final class CudaSoftmax {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaSoftmax(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void softmax(View out, View in, boolean log) {
        DType t = in.dtype();
        if (!t.isFloating() || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("softmax: needs a contiguous output of the input's shape and "
                    + "floating dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        int rank = in.rank();
        int n = in.numel();
        if (rank == 0 || n == 0) {
            throw new IllegalArgumentException("softmax: needs a non-empty input of rank 1 or more, got " + in.shape());
        }
        int m = in.dim(rank - 1);
        CoalescedAxes rows = CoalescedAxes.of(Arrays.copyOf(in.shape().toArray(), rank - 1),
                Arrays.copyOf(in.strides(), rank - 1));
        ProgramSpec spec = Kernels.softmax(t, true);
        String name = Kernels.softmaxName(t, log);
        int lsz = runtime.reductionLocalSize(spec, name, m);
        runtime.launch(spec, name).buffer(storages.of(out)).i(out.offset()).buffer(storages.of(in)).i(in.offset())
                .shape(rows).strides(rows, 0).i(rows.rank()).i(m).i(in.strides()[rank - 1])
                .runGroups(n / m, lsz);
    }
}
