package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.kernels.Kernels;

/**
 * im2col and col2im for 2-d convolution and pooling ({@code conv.c}): a strided NCHW input to
 * contiguous columns, and columns back into a contiguous image (accumulated, written as a gather
 * so no two threads touch one element).
 */
final class CudaConv {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaConv(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void im2col(View out, View in, ConvGeometry g) {
        check("im2col", out, in);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        int[] s = in.strides();
        int h = in.dim(2);
        int w = in.dim(3);
        KernelLaunch l = runtime.launch(Kernels.conv(in.dtype()), Kernels.convName(in.dtype()) + "_im2col")
                .buffer(storages.of(out)).i(out.offset()).buffer(storages.of(in)).i(in.offset())
                .i(s[0]).i(s[1]).i(s[2]).i(s[3]).i(in.dim(0)).i(in.dim(1)).i(h).i(w);
        geometry(l, g, h, w).runPerElement(total);
    }

    void col2im(View out, View cols, ConvGeometry g) {
        check("col2im", out, cols);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        int[] s = cols.strides();
        int h = out.dim(2);
        int w = out.dim(3);
        KernelLaunch l = runtime.launch(Kernels.conv(out.dtype()), Kernels.convName(out.dtype()) + "_col2im")
                .buffer(storages.of(out)).i(out.offset()).buffer(storages.of(cols)).i(cols.offset())
                .i(s[0]).i(s[1]).i(s[2]).i(out.dim(0)).i(out.dim(1)).i(h).i(w);
        geometry(l, g, h, w).runPerElement(total);
    }

    /** The ten geometry arguments both kernels end with. */
    private static KernelLaunch geometry(KernelLaunch l, ConvGeometry g, int h, int w) {
        return l.i(g.kernelH()).i(g.kernelW()).i(g.strideH()).i(g.strideW()).i(g.padH()).i(g.padW())
                .i(g.dilationH()).i(g.dilationW()).i(g.outH(h)).i(g.outW(w));
    }

    private void check(String op, View contiguous, View other) {
        if (!contiguous.isContiguous()) {
            throw new IllegalArgumentException(op + ": the output view must be contiguous");
        }
        if (contiguous.dtype() != other.dtype() || !contiguous.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64 operands of one dtype, got "
                    + contiguous.dtype() + " and " + other.dtype());
        }
    }
}
