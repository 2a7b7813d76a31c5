package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;

/**
 * The fused LSTM cell ({@code lstm.c}): one thread per hidden unit of a batch row, forward and
 * backward; the gates and {@code cPrev} of any 2-d strides, every other operand contiguous. Computed
 * in double when the device has fp64, with {@code LstmCellOps}' clamp and flush of tiny values.
 */
final class CudaLstmCell {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaLstmCell(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void forward(View h, View c, View act, View gates, View cPrev) {
        DType t = gates.dtype();
        int n = check("lstmCell", t, cPrev, new View[] {gates, act}, cPrev, h, c);
        for (View v : new View[] {h, c, act}) {
            contiguous("lstmCell", v);
        }
        int rows = cPrev.dim(0);
        runtime.launch(program(t), Kernels.lstmCellName(t) + "_fwd")
                .buffer(storages.of(h)).i(h.offset()).buffer(storages.of(c)).i(c.offset())
                .buffer(storages.of(act)).i(act.offset())
                .buffer(storages.of(gates)).i(gates.offset()).i(gates.strides()[0]).i(gates.strides()[1])
                .buffer(storages.of(cPrev)).i(cPrev.offset()).i(cPrev.strides()[0]).i(cPrev.strides()[1])
                .i(n).i(rows * n).runPerElement((long) rows * n);
    }

    void backward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c, View cPrev) {
        DType t = act.dtype();
        int n = check("lstmCellBackward", t, cPrev, new View[] {gradGates, act}, cPrev, gradH, gradC, c, gradCPrev);
        for (View v : new View[] {gradGates, gradCPrev, gradH, gradC, act, c}) {
            contiguous("lstmCellBackward", v);
        }
        int rows = cPrev.dim(0);
        runtime.launch(program(t), Kernels.lstmCellName(t) + "_bwd")
                .buffer(storages.of(gradGates)).i(gradGates.offset()).buffer(storages.of(gradCPrev))
                .i(gradCPrev.offset()).buffer(storages.of(gradH)).i(gradH.offset()).buffer(storages.of(gradC))
                .i(gradC.offset()).buffer(storages.of(act)).i(act.offset()).buffer(storages.of(c)).i(c.offset())
                .buffer(storages.of(cPrev)).i(cPrev.offset()).i(cPrev.strides()[0]).i(cPrev.strides()[1])
                .i(n).i(rows * n).runPerElement((long) rows * n);
    }

    private ProgramSpec program(DType t) {
        return Kernels.lstmCell(t, true);
    }

    /** Checks dtypes and shapes (gates-like {@code [B, 4H]}, state-like {@code [B, H]}); returns H. */
    private static int check(String op, DType t, View cPrev, View[] wide, View... narrow) {
        if (!t.isFloating() || cPrev.rank() != 2) {
            throw new IllegalArgumentException(op + ": needs F32 or F64 operands with cPrev [B, H], got " + t + " "
                    + cPrev.shape());
        }
        int rows = cPrev.dim(0);
        int n = cPrev.dim(1);
        for (View v : wide) {
            fits(op, v, t, rows, 4 * n);
        }
        for (View v : narrow) {
            fits(op, v, t, rows, n);
        }
        return n;
    }

    private static void fits(String op, View v, DType t, int rows, int cols) {
        if (v.dtype() != t || v.rank() != 2 || v.dim(0) != rows || v.dim(1) != cols) {
            throw new IllegalArgumentException(op + ": operand " + v.dtype() + " " + v.shape() + " should be " + t
                    + " [" + rows + ", " + cols + "] (gates [B, 4H], states [B, H])");
        }
    }

    private static void contiguous(String op, View v) {
        if (!v.isContiguous()) {
            throw new IllegalArgumentException(op + ": operand " + v.shape() + " must be contiguous");
        }
    }
}
