package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.View;
import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;

/**
 * Batched matrix products: cuBLAS or the tiled kernel of {@code gemm.c}, as the
 * {@link CudaBackend.GemmMode} says. Operands may be strided (a transpose is read in place);
 * cuBLAS takes those whose matrices have unit stride along one axis and whose batch is a single
 * stride, the tiled kernel everything.
 */
final class CudaMatmul {
    private static final System.Logger LOG = System.getLogger(CudaMatmul.class.getName());
    private final CudaRuntime runtime;
    private final CudaStorages storages;
    private final CudaBackend.GemmMode mode;
    private final Kernels.GemmTiles tiles;
    private volatile CublasGemm cublas;
    /** Why cuBLAS could not load, once AUTO tried; AUTO then stays on the tiled kernel. */
    private volatile String cublasError;

    CudaMatmul(CudaRuntime runtime, CudaStorages storages, CudaBackend.GemmMode mode) {
        this.runtime = runtime;
        this.storages = storages;
        this.mode = mode;
        this.tiles = Kernels.GemmTiles.GPU; // the tiles the shipped PTX was built with
    }

    void matmul(View out, View a, View b) {
        DType t = out.dtype();
        if ((t != DType.F32 && t != DType.F64) || a.dtype() != t || b.dtype() != t) {
            throw new IllegalArgumentException("matmul: needs F32 or F64 operands of one dtype, got "
                    + a.dtype() + ", " + b.dtype() + " into " + t);
        }
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
        CudaStorage c = storages.of(out);
        CudaStorage sa = storages.of(a);
        CudaStorage sb = storages.of(b);
        if (k > 0 && useCublas((long) m * n * k) && cublas().gemm(runtime, t, c, out.offset(), sa, a.offset(),
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
                .runNd(new long[] {gx, gy, batch}, new long[] {tiles.localN(), tiles.localM(), 1});
    }

    private boolean useCublas(long flops) {
        return switch (mode) {
            case TILED -> false;
            case CUBLAS -> true;
            case AUTO -> flops >= CudaBackend.CUBLAS_MIN_FLOPS && cublasLoads();
        };
    }

    private boolean cublasLoads() {
        if (cublas != null) {
            return true;
        }
        if (cublasError != null) {
            return false;
        }
        try {
            cublas();
            return true;
        } catch (RuntimeException | LinkageError e) {
            cublasError = e.getMessage() == null ? e.toString() : e.getMessage();
            // not silent: said once here, and in the backend's description from now on
            LOG.log(System.Logger.Level.INFO, "cuBLAS not used (" + cublasError + "); large GEMMs run on the tiled kernel");
            return false;
        }
    }

    /** The GEMM in use, honestly: in AUTO mode it says whether cuBLAS actually loaded. */
    String describe() {
        return switch (mode) {
            case AUTO -> cublasLoads() ? "cuBLAS for large products, tiled kernel otherwise"
                    : "tiled kernel (cuBLAS unavailable: " + cublasError + ")";
            case TILED -> "tiled kernel";
            case CUBLAS -> "cuBLAS";
        };
    }

    private CublasGemm cublas() {
        CublasGemm g = cublas;
        if (g == null) {
            synchronized (this) {
                g = cublas;
                if (g == null) {
                    cublas = g = CublasGemm.load(runtime, NativeLibraries.system());
                }
            }
        }
        return g;
    }
}
