package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.ConvolutionByGemm;
import dev.sinapsis.backend.ConvolutionOps;
import dev.sinapsis.backend.BatchNormOps;
import dev.sinapsis.backend.LstmCellOps;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Device;
import java.util.List;
import java.util.Locale;
import org.jocl.CLException;

/**
 * The OpenCL backend: the single-source kernels of {@code sinapsis-kernels}, compiled at run time
 * for one device, launched on one in-order command queue. Nothing waits for the device between
 * kernels; the host synchronises only when data comes back ({@link #download}) and when gather or
 * scatter-add must report an out-of-range index.
 *
 * <p>This class is a facade: {@link OpenClRuntime} holds the device, queue and compiled kernels,
 * and one class per op family does the work ({@link OpenClMemory}, {@link OpenClElementwise},
 * {@link OpenClReduce}, {@link OpenClMatmul}, {@link OpenClIndex}, {@link OpenClRandom},
 * {@link OpenClConv}, {@link OpenClConvolution}, {@link OpenClSoftmax}, {@link OpenClScan},
 * {@link OpenClLstmCell}).
 *
 * <p>Options: {@code -Dsinapsis.opencl.device=N|name} picks the device;
 * {@code -Dsinapsis.opencl.gemm=auto|tiled|clblast} picks the GEMM (default auto: CLBlast for
 * large products when it loads, the tiled kernel otherwise); {@code -Dsinapsis.opencl.vec=1|2|4|8} sets
 * how many elements a work-item of the contiguous elementwise kernels processes. It adds the
 * optional fused softmax ({@link SoftmaxOps}), LSTM cell ({@link LstmCellOps}), direct 2-d
 * convolution ({@link ConvolutionOps}) and training-mode batch normalisation ({@link BatchNormOps}).
 */
public final class OpenClBackend implements Backend, SoftmaxOps, LstmCellOps, ConvolutionOps, BatchNormOps,
        AutoCloseable {
    /** The name users select it by. */
    public static final String NAME = "opencl";
    /** System property choosing the GEMM implementation. */
    public static final String GEMM_PROPERTY = "sinapsis.opencl.gemm";

    /** Which GEMM runs. */
    public enum GemmMode {
        /** CLBlast for products of at least {@link #CLBLAST_MIN_FLOPS} when it loads, else the tiled kernel. */
        AUTO,
        /** Always the tiled kernel of {@code gemm.c}. */
        TILED,
        /** CLBlast whenever the operands' layout allows it (fails if CLBlast cannot load). */
        CLBLAST;

        static GemmMode fromSystemProperty() {
            String v = System.getProperty(GEMM_PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
            return v.isEmpty() ? AUTO : GemmMode.valueOf(v);
        }
    }

    /** M*N*K from which AUTO hands a product to CLBlast. */
    public static final long CLBLAST_MIN_FLOPS = 1L << 21;

    /** System property: elements per work-item of the contiguous elementwise kernels (1, 2, 4 or 8). */
    public static final String VEC_PROPERTY = "sinapsis.opencl.vec";
    /**
     * The width used when {@link #VEC_PROPERTY} is not set. Measured on PoCL (CPU, OpenClBenchmark
     * add over 256K to 4M floats): width 1 was fastest (2 to 4x the strided kernel), 8 close
     * behind at 4M, 2 and 4 slower; on a GPU, one element per work-item keeps loads coalesced.
     */
    public static final int DEFAULT_VEC = 1;
    /** Contiguous elementwise ops of at least this many elements run the {@code VEC}-wide kernel. */
    public static final int VEC_MIN_ELEMENTS = 1 << 14;

    /** System property: false skips the read-back that reports out-of-range indices (no host sync). */
    public static final String CHECK_INDICES_PROPERTY = "sinapsis.opencl.checkIndices";

    private final ClDevice dev;
    private final Device device;
    private final GemmMode gemmMode;
    private final OpenClRuntime runtime;
    private final OpenClStorages storages;
    private final OpenClMemory memory;
    private final OpenClElementwise elementwise;
    private final OpenClReduce reduce;
    private final OpenClMatmul matmul;
    private final OpenClIndex index;
    private final OpenClRandom random;
    private final OpenClConv conv;
    private final OpenClConvolution convolution;
    private final OpenClSoftmax softmax;
    private final OpenClScan scan;
    private final OpenClLstmCell lstmCell;
    private final OpenClBatchNorm batchNorm;

    /** A backend on the device {@code -Dsinapsis.opencl.device} selects (default: the first GPU, else the first device). */
    public OpenClBackend() {
        this(GemmMode.fromSystemProperty());
    }

    /** A backend with an explicit GEMM choice. */
    public OpenClBackend(GemmMode gemmMode) {
        this(gemmMode, vecFromSystemProperty());
    }

    /** A backend with an explicit GEMM choice and elementwise vector width (1, 2, 4 or 8). */
    public OpenClBackend(GemmMode gemmMode, int vectorWidth) {
        if (!Kernels.VEC_WIDTHS.contains(vectorWidth)) {
            throw new IllegalArgumentException("vector width " + vectorWidth + ": expected one of " + Kernels.VEC_WIDTHS);
        }
        List<ClDevice> devices;
        try {
            devices = ClDevice.discover();
        } catch (CLException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new BackendUnavailableException("OpenCL is not available: " + e, e);
        }
        if (devices.isEmpty()) {
            throw new BackendUnavailableException("OpenCL is not available: no device. Fix: " + OpenClBackendProvider.FIX);
        }
        this.dev = ClDevice.choose(devices);
        SignalChaining.checkOnce(dev.platformName());
        this.device = new Device(NAME, devices.indexOf(dev));
        this.gemmMode = gemmMode;
        this.runtime = new OpenClRuntime(dev);
        this.storages = new OpenClStorages(this, runtime);
        this.elementwise = new OpenClElementwise(runtime, storages, vectorWidth);
        this.memory = new OpenClMemory(runtime, storages, elementwise);
        this.reduce = new OpenClReduce(runtime, storages);
        this.matmul = new OpenClMatmul(runtime, storages, gemmMode);
        this.index = new OpenClIndex(runtime, storages,
                !"false".equalsIgnoreCase(System.getProperty(CHECK_INDICES_PROPERTY)));
        this.random = new OpenClRandom(runtime, storages);
        this.conv = new OpenClConv(runtime, storages);
        this.convolution = new OpenClConvolution(runtime, storages);
        this.softmax = new OpenClSoftmax(runtime, storages);
        this.scan = new OpenClScan(runtime, storages);
        this.lstmCell = new OpenClLstmCell(runtime, storages);
        this.batchNorm = new OpenClBatchNorm(runtime, storages);
    }

    private static int vecFromSystemProperty() {
        String v = System.getProperty(VEC_PROPERTY, "").trim();
        if (v.isEmpty()) {
            return DEFAULT_VEC;
        }
        try {
            int w = Integer.parseInt(v);
            if (Kernels.VEC_WIDTHS.contains(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + VEC_PROPERTY + "=" + v + ": expected one of " + Kernels.VEC_WIDTHS);
    }

    /** Elements per work-item of the contiguous elementwise kernels ({@link #VEC_PROPERTY}). */
    public int vectorWidth() {
        return elementwise.vectorWidth();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public String description() {
        return "OpenCL: " + dev.describe() + ", GEMM: " + matmul.describe() + (runtime.isClosed() ? " (closed)" : "");
    }

    /**
     * Releases the device resources this backend holds: cached buffers, compiled kernels and
     * programs, the queue and the context (after waiting for the queue). Idempotent; using the
     * backend afterwards fails with a message saying it was closed. Storages still alive return
     * their buffers to the driver when released. For backends created with {@code new}; the
     * instances {@code Backends} hands out live as long as the process.
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

    /** True when the device computes in double precision (cl_khr_fp64). */
    public boolean hasFp64() {
        return dev.fp64();
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

    /** Bytes of device memory held by live storages (pooled buffers, rounded up to size classes). */
    public long liveBytes() {
        return storages.stats().liveBytes();
    }

    /** Buffers allocated from the driver so far; flat once a training loop is in its steady state. */
    public long buffersCreated() {
        return storages.stats().allocations();
    }

    /** Blocks until every enqueued command has finished (benchmarks use it; kernels never need it). */
    public void finish() {
        runtime.finish();
    }

    /** The runtime: device, queue and compiled kernels (for tests in this package). */
    OpenClRuntime runtime() {
        return runtime;
    }

    /** The storage behind {@code v}, checked to belong to this backend (for tests in this package). */
    OpenClStorage storage(View v) {
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
