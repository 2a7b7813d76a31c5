package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * Prefix and suffix sums along the last axis ({@code scan.c}): one thread per row, summed in
 * order; rows of any stride, a contiguous output.
 */
final class CudaScan {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaScan(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void cumsum(View out, View in, boolean reverse) {
        DType t = in.dtype();
        if (t == DType.BOOL || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("cumsum: needs a contiguous output of the input's shape and a numeric "
                    + "dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        int rank = in.rank();
        int m = rank == 0 ? 0 : in.dim(rank - 1);
        if (m == 0 || in.numel() == 0) {
            return;
        }
        int rows = in.numel() / m;
        CoalescedAxes lead = CoalescedAxes.of(Arrays.copyOf(in.shape().toArray(), rank - 1),
                Arrays.copyOf(in.strides(), rank - 1));
        runtime.launch(Kernels.scan(t, true), Kernels.cumsumName(t, reverse))
                .buffer(storages.of(out)).i(out.offset()).buffer(storages.of(in)).i(in.offset())
                .shape(lead).strides(lead, 0).i(lead.rank()).i(rows).i(m).i(in.strides()[rank - 1])
                .runPerElement(rows);
    }
}
