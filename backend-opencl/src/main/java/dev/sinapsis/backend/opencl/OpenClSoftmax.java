package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * The fused (log-)softmax over the last axis ({@code softmax.c}): one work-group per row, the
 * maximum and the sum folded in local memory; rows of any stride, a contiguous output.
 */
final class OpenClSoftmax {
    private final OpenClRuntime runtime;
    private final OpenClStorages storages;

    OpenClSoftmax(OpenClRuntime runtime, OpenClStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void softmax(View out, View in, boolean log) {
        DType t = in.dtype();
        if (!t.isFloating() || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("softmax: needs a contiguous output of the input's shape and "
                    + "floating dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        runtime.requireFp64(t, "softmax");
        int rank = in.rank();
        int n = in.numel();
        if (rank == 0 || n == 0) {
            throw new IllegalArgumentException("softmax: needs a non-empty input of rank 1 or more, got " + in.shape());
        }
        int m = in.dim(rank - 1);
        CoalescedAxes rows = CoalescedAxes.of(Arrays.copyOf(in.shape().toArray(), rank - 1),
                Arrays.copyOf(in.strides(), rank - 1));
        ProgramSpec spec = Kernels.softmax(t, runtime.fp64());
        String name = Kernels.softmaxName(t, log);
        int lsz = runtime.reductionLocalSize(spec, name, m);
        runtime.launch(spec, name).buffer(storages.of(out)).i(out.offset()).buffer(storages.of(in)).i(in.offset())
                .shape(rows).strides(rows, 0).i(rows.rank()).i(m).i(in.strides()[rank - 1])
                .runGroups(n / m, lsz);
    }
}
