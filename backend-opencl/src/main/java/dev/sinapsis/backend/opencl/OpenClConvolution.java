package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.memory.BufferLease;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import org.jocl.cl_mem;

/**
 * The direct 2-d convolution of {@link dev.sinapsis.backend.ConvolutionOps} ({@code conv2d.c}): the
 * forward with its bias, the input gradient and the weight gradient, each one launch over the whole
 * batch with no batch-sized temporary. The backend calls these up to the sizes of
 * {@link dev.sinapsis.backend.ConvolutionByGemm} and that class above them. The weight gradient is split over
 * parts of the batch when it has too few elements to fill the device ({@link #parts}), and the
 * parts are then added in order by a second kernel: deterministic, no float atomics.
 */
final class OpenClConvolution {
    /** Work-items the weight gradient aims for per compute unit before it splits the batch into parts. */
    static final int WGRAD_ITEMS_PER_UNIT = 256;

    private final OpenClRuntime runtime;
    private final OpenClStorages storages;

    OpenClConvolution(OpenClRuntime runtime, OpenClStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void conv2d(View out, View x, View weight, View bias, ConvGeometry g) {
        DType t = check("conv2d", out, x, weight);
        requireContiguous("conv2d", weight, "the weight");
        if (bias != null && (bias.dtype() != t || !bias.isContiguous())) {
            throw new IllegalArgumentException("conv2d: the bias must be contiguous " + t + ", got " + bias.dtype());
        }
        int[] s = x.strides();
        int h = x.dim(2);
        int w = x.dim(3);
        int o = weight.dim(0);
        int blocks = (o + Kernels.CONV_OUT_BLOCK - 1) / Kernels.CONV_OUT_BLOCK;
        // with no bias the weight stands in for the (unread) bias buffer
        View b = bias == null ? weight : bias;
        KernelLaunch l = runtime.launch(Kernels.conv2d(t), Kernels.conv2dName(t) + "_fwd")
                .buffer(storages.of(out)).i(out.offset()).buffer(storages.of(x)).i(x.offset())
                .i(s[0]).i(s[1]).i(s[2]).i(s[3]).buffer(storages.of(weight)).i(weight.offset())
                .buffer(storages.of(b)).i(b.offset()).i(bias == null ? 0 : 1)
                .i(x.dim(0)).i(x.dim(1)).i(h).i(w).i(o);
        geometry(l, g, h, w).runPerElement((long) x.dim(0) * blocks * g.outH(h) * g.outW(w));
    }

    void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        DType t = check("conv2dInputGrad", gradX, gradOut, weight);
        requireContiguous("conv2dInputGrad", gradOut, "gradOut");
        requireContiguous("conv2dInputGrad", weight, "the weight");
        int h = gradX.dim(2);
        int w = gradX.dim(3);
        KernelLaunch l = runtime.launch(Kernels.conv2d(t), Kernels.conv2dName(t) + "_dgrad")
                .buffer(storages.of(gradX)).i(gradX.offset()).buffer(storages.of(gradOut)).i(gradOut.offset())
                .buffer(storages.of(weight)).i(weight.offset())
                .i(gradX.dim(0)).i(gradX.dim(1)).i(h).i(w).i(weight.dim(0));
        geometry(l, g, h, w).runPerElement(gradX.numel());
    }

    void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g) {
        DType t = check("conv2dWeightGrad", gradWeight, x, gradOut);
        requireContiguous("conv2dWeightGrad", gradOut, "gradOut");
        int n = x.dim(0);
        int count = gradWeight.numel();
        int parts = parts(count, n, runtime.device().computeUnits());
        int per = (n + parts - 1) / parts;
        parts = (n + per - 1) / per;
        ProgramSpec spec = Kernels.conv2d(t);
        String name = Kernels.conv2dName(t);
        if (parts == 1) {
            weightGrad(spec, name, storages.of(gradWeight).mem(), gradWeight.offset(), gradOut, x, g, per, 1);
            return;
        }
        // the in-order queue runs every later user of this buffer after the kernels below
        try (BufferLease<cl_mem> partial = storages.scratch((long) parts * count * t.byteSize())) {
            weightGrad(spec, name, partial.buffer(), 0, gradOut, x, g, per, parts);
            runtime.launch(spec, name + "_wsum").buffer(storages.of(gradWeight)).i(gradWeight.offset())
                    .buffer(partial.buffer(), t).i(count).i(parts).runPerElement(count);
        }
    }

    private void weightGrad(ProgramSpec spec, String name, cl_mem dst, int dstOff, View gradOut, View x,
                            ConvGeometry g, int per, int parts) {
        DType t = x.dtype();
        int[] s = x.strides();
        int h = x.dim(2);
        int w = x.dim(3);
        int o = gradOut.dim(1);
        int count = o * x.dim(1) * g.kernelH() * g.kernelW();
        KernelLaunch l = runtime.launch(spec, name + "_wgrad").buffer(dst, t).i(dstOff).i(count)
                .buffer(storages.of(gradOut)).i(gradOut.offset()).buffer(storages.of(x)).i(x.offset())
                .i(s[0]).i(s[1]).i(s[2]).i(s[3]).i(x.dim(0)).i(x.dim(1)).i(h).i(w).i(o).i(per).i(parts);
        geometry(l, g, h, w).runPerElement((long) count * parts);
    }

    /**
     * How many parts of the batch the weight gradient is split into: enough that weight elements
     * times parts reach {@link #WGRAD_ITEMS_PER_UNIT} per compute unit, at most one per image.
     */
    static int parts(int count, int images, int computeUnits) {
        long target = (long) WGRAD_ITEMS_PER_UNIT * Math.max(1, computeUnits);
        long parts = (target + count - 1) / count;
        return (int) Math.max(1, Math.min(images, parts));
    }

    /** The ten geometry arguments every kernel of {@code conv2d.c} ends with. */
    private static KernelLaunch geometry(KernelLaunch l, ConvGeometry g, int h, int w) {
        return l.i(g.kernelH()).i(g.kernelW()).i(g.strideH()).i(g.strideW()).i(g.padH()).i(g.padW())
                .i(g.dilationH()).i(g.dilationW()).i(g.outH(h)).i(g.outW(w));
    }

    private DType check(String op, View out, View a, View b) {
        DType t = out.dtype();
        if (!t.isFloating() || a.dtype() != t || b.dtype() != t) {
            throw new IllegalArgumentException(op + ": needs F32 or F64 operands of one dtype, got "
                    + out.dtype() + ", " + a.dtype() + " and " + b.dtype());
        }
        requireContiguous(op, out, "the output");
        runtime.requireFp64(t, op);
        return t;
    }

    private static void requireContiguous(String op, View v, String what) {
        if (!v.isContiguous()) {
            throw new IllegalArgumentException(op + ": " + what + " must be contiguous, got strides "
                    + Arrays.toString(v.strides()));
        }
    }
}
