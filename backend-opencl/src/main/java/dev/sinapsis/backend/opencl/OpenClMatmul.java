package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * Batched matrix products: CLBlast or the tiled kernel of {@code gemm.c}, as the
 * {@link OpenClBackend.GemmMode} says. Operands may be strided (a transpose is read in place);
 * CLBlast takes those whose matrices have unit stride along one axis and whose batch is a single
 * stride, the tiled kernel everything.
 */
final class OpenClMatmul {
    private static final System.Logger LOG = System.getLogger(OpenClMatmul.class.getName());
    private final OpenClRuntime runtime;
    private final OpenClStorages storages;
    private final OpenClBackend.GemmMode mode;
    private final Kernels.GemmTiles tiles;
    private volatile ClBlastGemm clblast;
    /** Why CLBlast could not load, once AUTO tried; AUTO then stays on the tiled kernel. */
    private volatile String clblastError;

    OpenClMatmul(OpenClRuntime runtime, OpenClStorages storages, OpenClBackend.GemmMode mode) {
        this.runtime = runtime;
        this.storages = storages;
        this.mode = mode;
        this.tiles = runtime.device().isCpu() ? Kernels.GemmTiles.CPU : Kernels.GemmTiles.GPU;
    }

    void matmul(View out, View a, View b) {
        DType t = out.dtype();
        if ((t != DType.F32 && t != DType.F64) || a.dtype() != t || b.dtype() != t) {
            throw new IllegalArgumentException("matmul: needs F32 or F64 operands of one dtype, got "
                    + a.dtype() + ", " + b.dtype() + " into " + t);
        }
        runtime.requireFp64(t, "matmul");
        int r = out.rank();
        if (r < 2 || a.rank() != r || b.rank() != r) {
            throw new IllegalArgumentException("matmul: ranks " + a.rank() + ", " + b.rank() + " into " + r);
        }
        int m = out.dim(r - 2);
        int n = out.dim(r - 1);
        int k = a.dim(r - 1);
        if (a.dim(r - 2) != m || b.dim(r - 1) != n || b.dim(r - 2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " x " + b.shape() + " -> " + out.shape());
        }
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("matmul: the output must be contiguous");
        }
        int[] batchShape = Arrays.copyOf(out.shape().toArray(), r - 2);
        int batch = 1;
        for (int s : batchShape) {
            batch *= s;
        }
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        // batch axes of a and b (operands 0 and 1); the output is contiguous
        CoalescedAxes bd = CoalescedAxes.of(batchShape, Arrays.copyOf(a.strides(), r - 2),
                Arrays.copyOf(b.strides(), r - 2));
        int[] as = a.strides();
        int[] bs = b.strides();
        OpenClStorage c = storages.of(out);
        OpenClStorage sa = storages.of(a);
        OpenClStorage sb = storages.of(b);
        if (k > 0 && useClBlast((long) m * n * k) && clblast().gemm(runtime, t, c, out.offset(), sa, a.offset(),
                as[r - 2], as[r - 1], sb, b.offset(), bs[r - 2], bs[r - 1], m, n, k, batch, bd)) {
            return;
        }
        long gx = (long) ((n + tiles.tsn() - 1) / tiles.tsn()) * tiles.localN();
        long gy = (long) ((m + tiles.tsm() - 1) / tiles.tsm()) * tiles.localM();
        ProgramSpec spec = Kernels.gemm(t, tiles);
        runtime.launch(spec, Kernels.gemmName(t)).buffer(c).i(out.offset())
                .buffer(sa).i(a.offset()).i(as[r - 2]).i(as[r - 1])
                .buffer(sb).i(b.offset()).i(bs[r - 2]).i(bs[r - 1]).i(m).i(n).i(k)
                .i(bd.rank()).shape(bd).strides(bd, 0).strides(bd, 1)
                .run(new long[] {gx, gy, batch}, new long[] {tiles.localN(), tiles.localM(), 1});
    }

    private boolean useClBlast(long flops) {
        return switch (mode) {
            case TILED -> false;
            case CLBLAST -> true;
            case AUTO -> flops >= OpenClBackend.CLBLAST_MIN_FLOPS && clblastLoads();
        };
    }

    private boolean clblastLoads() {
        if (clblast != null) {
            return true;
        }
        if (clblastError != null) {
            return false;
        }
        try {
            clblast();
            return true;
        } catch (RuntimeException | LinkageError e) {
            clblastError = e.toString();
            // not silent: said once here, and in the backend's description from now on
            LOG.log(System.Logger.Level.WARNING, "CLBlast could not load (" + clblastError
                    + "); large GEMMs run on the tiled kernel");
            return false;
        }
    }

    /** The GEMM in use, honestly: in AUTO mode it says whether CLBlast actually loaded. */
    String describe() {
        return switch (mode) {
            case AUTO -> clblastLoads() ? "CLBlast for large products, tiled kernel otherwise"
                    : "tiled kernel (CLBlast unavailable: " + clblastError + ")";
            case TILED -> "tiled kernel";
            case CLBLAST -> "CLBlast";
        };
    }

    private ClBlastGemm clblast() {
        ClBlastGemm g = clblast;
        if (g == null) {
            synchronized (this) {
                g = clblast;
                if (g == null) {
                    clblast = g = ClBlastGemm.load();
                }
            }
        }
        return g;
    }
}
