package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;

/**
 * Unary, binary and ternary maps and strided or converting copies: one kernel of
 * {@code elementwise.c} per operator and dtypes. Operands of at least
 * {@link CudaBackend#VEC_MIN_ELEMENTS} elements that are all contiguous go to the kernel's
 * {@code _vec} companion ({@link #vectorWidth()} elements per thread, no index arithmetic);
 * the rest to the strided kernel over the operands' {@link CoalescedAxes}.
 */
final class CudaElementwise {
    private final CudaRuntime runtime;
    private final CudaStorages storages;
    private final int vec;

    CudaElementwise(CudaRuntime runtime, CudaStorages storages, int vectorWidth) {
        this.runtime = runtime;
        this.storages = storages;
        this.vec = vectorWidth;
    }

    /** Elements per thread of the contiguous kernels. */
    int vectorWidth() {
        return vec;
    }

    void unary(UnaryOp op, View out, View x) {
        map(Kernels.unary(x.dtype(), vec), Kernels.unaryName(op, x.dtype()), out, x);
    }

    void binary(BinaryOp op, View out, View a, View b) {
        DType t = a.dtype();
        if (b.dtype() != t) {
            throw new IllegalArgumentException("binary " + op + ": operands of " + t + " and " + b.dtype());
        }
        map(Kernels.binary(t, vec), Kernels.binaryName(op, t), out, a, b);
    }

    void ternary(TernaryOp op, View out, View a, View b, View c) {
        // CLAMP's kernels are keyed by the clamped dtype, WHERE's by the condition's
        DType ta = op == TernaryOp.CLAMP ? b.dtype() : a.dtype();
        map(Kernels.ternary(ta, b.dtype(), vec), Kernels.ternaryName(op, ta, b.dtype()), out, a, b, c);
    }

    /** Copies {@code src} into {@code dst} of the same shape, converting with Java's rules. */
    void copy(View dst, View src) {
        map(Kernels.copy(src.dtype(), vec), Kernels.copyName(src.dtype(), dst.dtype()), dst, src);
    }

    /** Launches an elementwise kernel: operand 0 is the output, the rest its inputs, all of one shape. */
    private void map(ProgramSpec spec, String name, View... ops) {
        View out = ops[0];
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int[][] strides = new int[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            if (!ops[i].shape().equals(out.shape())) {
                throw new IllegalArgumentException(name + ": operand shape " + ops[i].shape() + " differs from "
                        + out.shape());
            }
            strides[i] = ops[i].strides();
        }
        CoalescedAxes axes = CoalescedAxes.of(out.shape().toArray(), strides);
        if (n >= CudaBackend.VEC_MIN_ELEMENTS && axes.isContiguous()) {
            KernelLaunch l = runtime.launch(spec, Kernels.vecName(name));
            for (View op : ops) {
                l.buffer(storages.of(op)).i(op.offset());
            }
            l.i(n).runItems((n + vec - 1) / vec);
            return;
        }
        KernelLaunch l = runtime.launch(spec, name);
        for (int i = 0; i < ops.length; i++) {
            l.buffer(storages.of(ops[i])).i(ops[i].offset()).strides(axes, i);
        }
        l.shape(axes).i(axes.rank()).i(n).i(axes.isContiguous() ? 1 : 0).runPerElement(n);
    }
}
