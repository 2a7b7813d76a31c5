package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.ConvolutionByGemm;
import dev.sinapsis.backend.ConvolutionOps;
import dev.sinapsis.backend.BatchNormOps;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.Availability;
import dev.sinapsis.kernels.CudaPtx;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Device;
import java.util.Locale;

/**
 * The CUDA backend: the single-source kernels of {@code sinapsis-kernels} on an NVIDIA GPU
 * (compute capability 7.5 or newer) through JCuda's driver API, compiled by NVRTC for the exact
 * device when {@code libnvrtc.so.12} loads, otherwise taken from the PTX nvcc built at build time.
 * Every kernel runs on one stream; the host waits only when data comes back ({@link #download})
 * and when gather or scatter-add must report an out-of-range index.
 *
 * <p>This class is a facade: {@link CudaRuntime} holds the context, stream and loaded kernels,
 * and one class per op family does the work, as in the OpenCL backend.
 *
 * <p>Options: {@code -Dsinapsis.cuda.device=N|name} picks the device;
 * {@code -Dsinapsis.cuda.gemm=auto|tiled|cublas} picks the GEMM (default auto: cuBLAS for large
 * products when {@code libcublas.so.12} loads, the tiled kernel otherwise);
 * {@code -Dsinapsis.cuda.kernels=auto|ptx} forces the shipped PTX even where NVRTC loads. It adds
 * the optional fused softmax ({@link SoftmaxOps}), LSTM cell ({@link LstmCellOps}), direct 2-d
 * convolution ({@link ConvolutionOps}, {@link CudaConvolution}) and training-mode batch
 * normalisation ({@link BatchNormOps}).
 */
public final class CudaBackend implements Backend, SoftmaxOps, LstmCellOps, ConvolutionOps, BatchNormOps,
        AutoCloseable {
    /** The name users select it by. */
    public static final String NAME = "cuda";
    /** System property choosing the GEMM implementation. */
    public static final String GEMM_PROPERTY = "sinapsis.cuda.gemm";
    /** M*N*K from which AUTO hands a product to cuBLAS. */
    public static final long CUBLAS_MIN_FLOPS = 1L << 21;
    /** Contiguous elementwise ops of at least this many elements run the {@code _vec} kernel (no index arithmetic). */
    public static final int VEC_MIN_ELEMENTS = 1 << 14;
    /** System property: false skips the read-back that reports out-of-range indices (no host sync). */
    public static final String CHECK_INDICES_PROPERTY = "sinapsis.cuda.checkIndices";

    /** Which GEMM runs. */
    public enum GemmMode {
        /** cuBLAS for products of at least {@link #CUBLAS_MIN_FLOPS} when it loads, else the tiled kernel. */
        AUTO,
        /** Always the tiled kernel of {@code gemm.c}. */
        TILED,
        /** cuBLAS whenever the operands' layout allows it (fails if cuBLAS cannot load). */
        CUBLAS;

        static GemmMode fromSystemProperty() {
            String v = System.getProperty(GEMM_PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
            if (v.isEmpty()) {
                return AUTO;
            }
            try {
                return GemmMode.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-D" + GEMM_PROPERTY + "=" + v.toLowerCase(Locale.ROOT)
                        + ": expected auto, tiled or cublas");
            }
        }
    }

    private final CudaProbe.Result probe;
    private final Device device;
    private final GemmMode gemmMode;
    private final CudaRuntime runtime;
    private final CudaStorages storages;
    private final CudaMemory memory;
    private final CudaElementwise elementwise;
    private final CudaReduce reduce;
    private final CudaMatmul matmul;
    private final CudaIndex index;
    private final CudaRandom random;
    private final CudaConv conv;
    private final CudaConvolution convolution;
    private final CudaSoftmax softmax;
    private final CudaScan scan;
    private final CudaLstmCell lstmCell;
    private final CudaBatchNorm batchNorm;

    /** A backend on the device {@code -Dsinapsis.cuda.device} selects (default: device 0). */
    public CudaBackend() {
        this(GemmMode.fromSystemProperty());
    }

    /** A backend with an explicit GEMM choice; throws {@link BackendUnavailableException} with the reason when CUDA cannot run. */
    public CudaBackend(GemmMode gemmMode) {
        this.probe = CudaBackendProvider.result();
        Availability a = probe.availability();
        if (!a.available()) {
            throw new BackendUnavailableException("CUDA is not available: " + a.reason() + ". Fix: " + a.fix());
        }
        this.device = new Device(NAME, probe.device().index());
        this.gemmMode = gemmMode;
        this.runtime = new CudaRuntime(probe);
        this.storages = new CudaStorages(this, probe.device().name(), new CudaBufferAllocator(runtime),
                Math.max(64L << 20, probe.device().totalMemory() / 4));
        this.elementwise = new CudaElementwise(runtime, storages, CudaPtx.VEC);
        this.memory = new CudaMemory(runtime, storages, elementwise);
        this.reduce = new CudaReduce(runtime, storages);
        this.matmul = new CudaMatmul(runtime, storages, gemmMode);
        this.index = new CudaIndex(runtime, storages,
                !"false".equalsIgnoreCase(System.getProperty(CHECK_INDICES_PROPERTY)));
        this.random = new CudaRandom(runtime, storages);
        this.conv = new CudaConv(runtime, storages);
        this.convolution = new CudaConvolution(runtime, storages);
        this.softmax = new CudaSoftmax(runtime, storages);
        this.scan = new CudaScan(runtime, storages);
        this.lstmCell = new CudaLstmCell(runtime, storages);
        this.batchNorm = new CudaBatchNorm(runtime, storages);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    /**
     * The device, the driver's CUDA version, the kernel path and why, and the GEMM in use; a
     * second line says which path compiles the kernels.
     */
    @Override
    public String description() {
        return "CUDA: " + probe.device().describe() + ", driver CUDA " + DriverFacts.version(probe.facts().driverVersion())
                + ", GEMM: " + matmul.describe() + (runtime.isClosed() ? " (closed)" : "")
                + "\nkernels: " + (probe.path() == KernelPath.NVRTC ? "NVRTC, " : "PTX, ") + probe.pathReason();
    }

    /**
     * The device's arithmetic peak in GFLOP/s for F32 ({@code f64} false) or F64: multiprocessors x
     * FMA units per multiprocessor (by compute capability) x 2 x the driver's peak clock; empty for
     * an architecture this backend has no figures for.
     */
    public java.util.OptionalDouble peakGflops(boolean f64) {
        return probe.device().peakGflops(f64);
    }

    /** How {@link #peakGflops} is computed, for a legend. */
    public String peakFormula(boolean f64) {
        return probe.device().peakFormula(f64);
    }

    /** How the kernels are compiled here (NVRTC or the shipped PTX). */
    public String kernelPath() {
        return probe.path().name();
    }

    /**
     * Releases the device resources this backend holds: cached buffers, modules, the stream and
     * its hold on the primary context (after waiting for the stream). Idempotent; using the
     * backend afterwards fails with a message saying it was closed.
     */
    @Override
    public void close() {
        storages.close();
        runtime.close();
    }

    @Override
    public String toString() {
        return description();
    }

    /** The GEMM choice. */
    public GemmMode gemmMode() {
        return gemmMode;
    }

    /** The caching allocator's counters (live, cached and peak bytes; buffers obtained from the driver). */
    @Override
    public MemoryStats memoryStats() {
        return storages.stats();
    }

    /** Blocks until every kernel launched so far has finished (benchmarks use it; kernels never need it). */
    public void finish() {
        runtime.synchronize();
    }

    /** The runtime (for tests in this package). */
    CudaRuntime runtime() {
        return runtime;
    }

    /** The storage behind {@code v}, checked to belong to this backend (for tests in this package). */
    CudaStorage storage(View v) {
        return storages.of(v);
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return memory.allocate(dtype, size);
    }

    @Override
    public Storage upload(DType dtype, Object hostArray) {
        return memory.upload(dtype, hostArray);
    }

    @Override
    public Object download(View src) {
        return memory.download(src);
    }

    @Override
    public void copy(View dst, View src) {
        memory.copy(dst, src);
    }

    @Override
    public void fill(View dst, double value) {
        memory.fill(dst, value);
    }

    @Override
    public void unary(UnaryOp op, View out, View x) {
        elementwise.unary(op, out, x);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
        elementwise.binary(op, out, a, b);
    }

    @Override
    public void ternary(TernaryOp op, View out, View a, View b, View c) {
        elementwise.ternary(op, out, a, b, c);
    }

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        reduce.reduce(op, out, in);
    }

    @Override
    public void matmul(View out, View a, View b) {
        matmul.matmul(out, a, b);
    }

    @Override
    public void gather(View out, View in, int axis, View index) {
        this.index.gather(out, in, axis, index);
    }

    @Override
    public void scatterAdd(View out, int axis, View index, View src) {
        this.index.scatterAdd(out, axis, index, src);
    }

    @Override
    public void random(Distribution distribution, View out, long seed, long offset, double a, double b) {
        random.random(distribution, out, seed, offset, a, b);
    }

    @Override
    public void cumsum(View out, View in, boolean reverse) {
        scan.cumsum(out, in, reverse);
    }

    @Override
    public void im2col(View out, View in, ConvGeometry g) {
        conv.im2col(out, in, g);
    }

    @Override
    public void col2im(View out, View cols, ConvGeometry g) {
        conv.col2im(out, cols, g);
    }

    @Override
    public void softmax(View out, View in, boolean log) {
        softmax.softmax(out, in, log);
    }

    @Override
    public void batchNormTrain(View out, View mean, View var, View x, View weight, View bias, double eps) {
        batchNorm.train(out, mean, var, x, weight, bias, eps);
    }

    @Override
    public void batchNormTrainGrad(View gradX, View gradWeight, View gradBias, View gradOut, View x, View weight,
                                   View mean, View var, double eps) {
        batchNorm.trainGrad(gradX, gradWeight, gradBias, gradOut, x, weight, mean, var, eps);
    }

    @Override
    public void lstmCell(View h, View c, View act, View gates, View cPrev) {
        lstmCell.forward(h, c, act, gates, cPrev);
    }

    @Override
    public void lstmCellBackward(View gradGates, View gradCPrev, View gradH, View gradC, View act, View c,
                                 View cPrev) {
        lstmCell.backward(gradGates, gradCPrev, gradH, gradC, act, c, cPrev);
    }

    @Override
    public void conv2d(View out, View x, View weight, View bias, ConvGeometry g) {
        if (ConvolutionByGemm.preferred(weight)) {
            ConvolutionByGemm.conv2d(this, out, x, weight, bias, g);
            return;
        }
        convolution.conv2d(out, x, weight, bias, g);
    }

    @Override
    public void conv2dInputGrad(View gradX, View gradOut, View weight, ConvGeometry g) {
        if (ConvolutionByGemm.preferredForGradients(weight)) {
            ConvolutionByGemm.conv2dInputGrad(this, gradX, gradOut, weight, g);
            return;
        }
        convolution.conv2dInputGrad(gradX, gradOut, weight, g);
    }

    @Override
    public void conv2dWeightGrad(View gradWeight, View gradOut, View x, ConvGeometry g) {
        if (ConvolutionByGemm.preferredForGradients(gradWeight)) {
            ConvolutionByGemm.conv2dWeightGrad(this, gradWeight, gradOut, x, g);
            return;
        }
        convolution.conv2dWeightGrad(gradWeight, gradOut, x, g);
    }
}
