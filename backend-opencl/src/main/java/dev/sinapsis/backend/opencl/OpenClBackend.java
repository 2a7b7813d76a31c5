package dev.sinapsis.backend.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendUnavailableException;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ConvGeometry;
import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.SoftmaxOps;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ProgramCache;
import dev.sinapsis.kernels.ProgramSpec;
import dev.sinapsis.kernels.Target;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Device;
import dev.sinapsis.tensor.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The OpenCL backend: the single-source kernels of {@code sinapsis-kernels}, compiled at run time
 * for one device, launched on one in-order command queue. Nothing waits for the device between
 * kernels; the host synchronises only when data comes back ({@link #download}) and when gather or
 * scatter-add must report an out-of-range index.
 *
 * <p>Options: {@code -Dsinapsis.opencl.device=N|name} picks the device;
 * {@code -Dsinapsis.opencl.gemm=auto|tiled|clblast} picks the GEMM (default auto: CLBlast for
 * large products when it loads, the tiled kernel otherwise); {@code -Dsinapsis.opencl.vec=1|2|4|8} sets
 * how many elements a work-item of the contiguous elementwise kernels processes. It adds the
 * optional fused softmax ({@link SoftmaxOps}).
 */
public final class OpenClBackend implements Backend, SoftmaxOps {
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
            String v = System.getProperty(GEMM_PROPERTY, "auto").trim().toUpperCase(java.util.Locale.ROOT);
            return v.isEmpty() ? AUTO : GemmMode.valueOf(v);
        }
    }

    /** M*N*K from which AUTO hands a product to CLBlast. */
    public static final long CLBLAST_MIN_FLOPS = 1L << 21;

    private static final long ELEMENTWISE_MAX_ITEMS = 1 << 22;

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

    private final ClDevice dev;
    private final cl_context context;
    private final cl_command_queue queue;
    private final BufferPool pool;
    private final Device device;
    private final String buildOptions;
    private final Kernels.GemmTiles tiles;
    private final GemmMode gemmMode;
    private final int vec;
    /** Programs belong to a context: one cache per backend, keyed by rendered source and device. */
    private final ProgramCache<cl_program> programs = new ProgramCache<>();
    private final Map<String, Map<String, cl_kernel>> kernels = new ConcurrentHashMap<>();
    private final Map<cl_kernel, Long> maxLocal = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile ClBlastGemm clblast;
    private volatile String clblastError;

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
        this.vec = vectorWidth;
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
        this.device = new Device(NAME, devices.indexOf(dev));
        this.gemmMode = gemmMode;
        try {
            cl_context_properties props = new cl_context_properties();
            props.addProperty(CL_CONTEXT_PLATFORM, dev.platform());
            this.context = CL.clCreateContext(props, 1, new cl_device_id[] {dev.id()}, null, null, null);
            this.queue = createQueue();
        } catch (CLException e) {
            throw OpenClException.of("creating a context and queue on " + dev.name(), e);
        }
        this.pool = new BufferPool(context, Math.max(64L << 20, dev.globalMemory() / 4));
        this.buildOptions = dev.correctlyRoundedDivSqrt() ? "-cl-fp32-correctly-rounded-divide-sqrt" : "";
        this.tiles = dev.isCpu() ? Kernels.GemmTiles.CPU : Kernels.GemmTiles.GPU;
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
        return vec;
    }

    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue() {
        return CL.clCreateCommandQueue(context, dev.id(), 0, null);
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
        return "OpenCL: " + dev.describe() + ", GEMM: " + switch (gemmMode) {
            case AUTO -> "CLBlast for large products, tiled kernel otherwise";
            case TILED -> "tiled kernel";
            case CLBLAST -> "CLBlast";
        };
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

    /** The buffer pool's counters (live, cached and peak bytes; buffers created from the driver). */
    @Override
    public dev.sinapsis.backend.MemoryStats memoryStats() {
        return pool.stats();
    }

    /** Bytes of device memory held by live storages (pooled buffers, rounded up to size classes). */
    public long liveBytes() {
        return pool.liveBytes();
    }

    /** Buffers allocated from the driver so far; flat once a training loop is in its steady state. */
    public long buffersCreated() {
        return pool.created();
    }

    /** Blocks until every enqueued command has finished (benchmarks use it; kernels never need it). */
    public void finish() {
        synchronized (lock) {
            CL.clFinish(queue);
        }
    }

    cl_command_queue queue() {
        return queue;
    }

    cl_context context() {
        return context;
    }

    // ================================================================== memory

    private static int bytesOf(DType t) {
        return t.byteSize();
    }

    private OpenClStorage newStorage(DType dtype, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate: negative size " + size);
        }
        return new OpenClStorage(this, dtype, size, pool.acquire((long) size * bytesOf(dtype)));
    }

    OpenClStorage storage(View v) {
        return OpenClStorage.of(v.storage(), this);
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        OpenClStorage s = newStorage(dtype, size);
        if (size > 0) {
            synchronized (lock) {
                enqueue("zero-fill", () -> CL.clEnqueueFillBuffer(queue, s.mem(), Pointer.to(new byte[] {0}), 1, 0,
                        (long) size * bytesOf(dtype), 0, null, null));
            }
        }
        return s;
    }

    @Override
    public Storage upload(DType dtype, Object hostArray) {
        if (!dtype.hostArrayType().isInstance(hostArray)) {
            throw new IllegalArgumentException("upload: a " + hostArray.getClass().getSimpleName()
                    + " cannot hold " + dtype + " (expected " + dtype.hostArrayType().getSimpleName() + ")");
        }
        int n = java.lang.reflect.Array.getLength(hostArray);
        OpenClStorage s = newStorage(dtype, n);
        if (n > 0) {
            Pointer p = hostPointer(dtype, hostArray);
            synchronized (lock) {
                enqueue("upload", () -> CL.clEnqueueWriteBuffer(queue, s.mem(), true, 0, (long) n * bytesOf(dtype), p,
                        0, null, null));
            }
        }
        return s;
    }

    private static Pointer hostPointer(DType dtype, Object a) {
        return switch (dtype) {
            case F32 -> Pointer.to((float[]) a);
            case F64 -> Pointer.to((double[]) a);
            case I32 -> Pointer.to((int[]) a);
            case I64 -> Pointer.to((long[]) a);
            case BOOL -> {
                boolean[] b = (boolean[]) a;
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    bytes[i] = (byte) (b[i] ? 1 : 0);
                }
                yield Pointer.to(bytes);
            }
        };
    }

    @Override
    public Object download(View src) {
        DType t = src.dtype();
        int n = src.numel();
        Object host = t.newHostArray(n);
        if (n == 0) {
            return host;
        }
        OpenClStorage from = storage(src);
        OpenClStorage tmp = null;
        int offset = src.offset();
        if (!src.isContiguous()) {
            tmp = newStorage(t, n);
            copy(View.contiguous(tmp, src.shape()), src);
            from = tmp;
            offset = 0;
        }
        try {
            Object target = t == DType.BOOL ? new byte[n] : host;
            Pointer p = t == DType.BOOL ? Pointer.to((byte[]) target) : hostPointer(t, host);
            OpenClStorage f = from;
            long off = (long) offset * bytesOf(t);
            synchronized (lock) {
                enqueue("download", () -> CL.clEnqueueReadBuffer(queue, f.mem(), true, off, (long) n * bytesOf(t), p,
                        0, null, null));
            }
            if (t == DType.BOOL) {
                byte[] bytes = (byte[]) target;
                boolean[] out = (boolean[]) host;
                for (int i = 0; i < n; i++) {
                    out[i] = bytes[i] != 0;
                }
            }
            return host;
        } finally {
            if (tmp != null) {
                tmp.release();
            }
        }
    }

    @Override
    public void copy(View dst, View src) {
        if (!dst.shape().equals(src.shape())) {
            throw new IllegalArgumentException("copy: shapes " + dst.shape() + " and " + src.shape() + " differ");
        }
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        if (dst.dtype() == src.dtype() && dst.isContiguous() && src.isContiguous()) {
            long b = bytesOf(dst.dtype());
            cl_mem s = storage(src).mem();
            cl_mem d = storage(dst).mem();
            synchronized (lock) {
                enqueue("copy", () -> CL.clEnqueueCopyBuffer(queue, s, d, src.offset() * b, dst.offset() * b, n * b,
                        0, null, null));
            }
            return;
        }
        map(Kernels.copy(src.dtype(), vec), Kernels.copyName(src.dtype(), dst.dtype()), dst, src);
    }

    @Override
    public void fill(View dst, double value) {
        int n = dst.numel();
        if (n == 0) {
            return;
        }
        DType t = dst.dtype();
        Object scalar = switch (t) {
            case F32 -> new float[] {(float) value};
            case F64 -> new double[] {value};
            case I32 -> new int[] {(int) (long) value};
            case I64 -> new long[] {(long) value};
            case BOOL -> new byte[] {(byte) (value != 0 ? 1 : 0)};
        };
        Pointer p = t == DType.BOOL ? Pointer.to((byte[]) scalar) : hostPointer(t, scalar);
        if (dst.isContiguous()) {
            cl_mem m = storage(dst).mem();
            long b = bytesOf(t);
            synchronized (lock) {
                enqueue("fill", () -> CL.clEnqueueFillBuffer(queue, m, p, b, dst.offset() * b, n * b, 0, null, null));
            }
            return;
        }
        Dims d = Dims.coalesce(dst.shape().toArray(), dst.strides());
        synchronized (lock) {
            new Launch(Kernels.copy(t, vec), Kernels.fillName(t))
                    .mem(storage(dst)).i(dst.offset()).dims(d.strides[0]).dims(d.shape).i(d.rank()).i(n)
                    .raw(bytesOf(t), p)
                    .run1(Math.min(n, ELEMENTWISE_MAX_ITEMS));
        }
    }

    // ================================================================== elementwise

    @Override
    public void unary(UnaryOp op, View out, View x) {
        map(Kernels.unary(x.dtype(), vec), Kernels.unaryName(op, x.dtype()), out, x);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
        DType t = a.dtype();
        if (b.dtype() != t) {
            throw new IllegalArgumentException("binary " + op + ": operands of " + t + " and " + b.dtype());
        }
        map(Kernels.binary(t, vec), Kernels.binaryName(op, t), out, a, b);
    }

    @Override
    public void ternary(TernaryOp op, View out, View a, View b, View c) {
        DType ta = op == TernaryOp.CLAMP ? b.dtype() : a.dtype();
        map(Kernels.ternary(ta, b.dtype(), vec), Kernels.ternaryName(op, ta, b.dtype()), out, a, b, c);
    }

    /**
     * Launches an elementwise kernel: operand 0 is the output, the rest its inputs, all of one
     * shape. Large operands that are all contiguous go to the kernel's {@code VEC}-wide companion.
     */
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
        Dims d = Dims.coalesce(out.shape().toArray(), strides);
        if (n >= VEC_MIN_ELEMENTS && d.contiguous()) {
            synchronized (lock) {
                Launch l = new Launch(spec, Kernels.vecName(name));
                for (View op : ops) {
                    l.mem(storage(op)).i(op.offset());
                }
                l.i(n).run1((n + vec - 1) / vec);
            }
            return;
        }
        synchronized (lock) {
            Launch l = new Launch(spec, name);
            for (int i = 0; i < ops.length; i++) {
                l.mem(storage(ops[i])).i(ops[i].offset()).dims(d.strides[i]);
            }
            l.dims(d.shape).i(d.rank()).i(n).i(d.contiguous() ? 1 : 0).run1(Math.min(n, ELEMENTWISE_MAX_ITEMS));
        }
    }

    // ================================================================== reductions

    @Override
    public void reduce(ReduceOp op, View out, View in) {
        int outputs = out.numel();
        if (outputs == 0) {
            return;
        }
        DType t = in.dtype();
        int outRank = out.rank();
        int[] inDims = in.shape().toArray();
        int[] inStrides = in.strides();
        Dims outer = Dims.coalesce(Arrays.copyOf(inDims, outRank), Arrays.copyOf(inStrides, outRank));
        Dims inner = Dims.coalesce(Arrays.copyOfRange(inDims, outRank, inDims.length),
                Arrays.copyOfRange(inStrides, outRank, inStrides.length));
        int m = 1;
        for (int s : inner.shape) {
            m *= s;
        }
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("reduce: the output must be contiguous");
        }
        ProgramSpec spec = Kernels.reduce(t, dev.fp64());
        String name = Kernels.reduceName(op, t);
        int targetGroups = Math.max(8, 4 * dev.computeUnits());
        synchronized (lock) {
            int lsz = localSize(spec, name, m);
            int parts = 1;
            if (outputs < targetGroups && m >= 4L * lsz) {
                parts = (int) Math.min((targetGroups + outputs - 1) / outputs, m / (2L * lsz));
            }
            if (parts <= 1) {
                new Launch(spec, name).mem(storage(out)).i(out.offset()).mem(storage(in)).i(in.offset())
                        .dims(outer.shape).dims(outer.strides[0]).i(outer.rank())
                        .dims(inner.shape).dims(inner.strides[0]).i(inner.rank()).i(m)
                        .run1Groups(outputs, lsz);
                return;
            }
            int groups = outputs * parts;
            int accBytes = t.isFloating() ? (dev.fp64() ? 8 : t.byteSize()) : 8;
            BufferPool.Lease pv = pool.acquire((long) groups * accBytes);
            BufferPool.Lease pi = pool.acquire((long) groups * 8);
            try {
                new Launch(spec, name + "_part").mem(pv.mem).mem(pi.mem).mem(storage(in)).i(in.offset())
                        .dims(outer.shape).dims(outer.strides[0]).i(outer.rank())
                        .dims(inner.shape).dims(inner.strides[0]).i(inner.rank()).i(m).i(parts)
                        .run1Groups(groups, lsz);
                int lsz2 = localSize(spec, name + "_combine", parts);
                new Launch(spec, name + "_combine").mem(storage(out)).i(out.offset()).mem(pv.mem).mem(pi.mem).i(parts)
                        .run1Groups(outputs, lsz2);
            } finally {
                // the in-order queue runs every later user of these buffers after the kernels above
                pv.run();
                pi.run();
            }
        }
    }

    // ================================================================== fused softmax

    @Override
    public void softmax(View out, View in, boolean log) {
        DType t = in.dtype();
        if (!t.isFloating() || out.dtype() != t || !out.isContiguous() || !out.shape().equals(in.shape())) {
            throw new IllegalArgumentException("softmax: needs a contiguous output of the input's shape and "
                    + "floating dtype, got " + in.dtype() + " " + in.shape() + " into " + out.dtype() + " " + out.shape());
        }
        requireFp64(t, "softmax");
        int rank = in.rank();
        int n = in.numel();
        if (rank == 0 || n == 0) {
            throw new IllegalArgumentException("softmax: needs a non-empty input of rank 1 or more, got " + in.shape());
        }
        int m = in.dim(rank - 1);
        Dims rows = Dims.coalesce(Arrays.copyOf(in.shape().toArray(), rank - 1), Arrays.copyOf(in.strides(), rank - 1));
        ProgramSpec spec = Kernels.softmax(t, dev.fp64());
        String name = Kernels.softmaxName(t, log);
        synchronized (lock) {
            int lsz = localSize(spec, name, m);
            new Launch(spec, name).mem(storage(out)).i(out.offset()).mem(storage(in)).i(in.offset())
                    .dims(rows.shape).dims(rows.strides[0]).i(rows.rank()).i(m).i(in.strides()[rank - 1])
                    .run1Groups(n / m, lsz);
        }
    }

    /** A power-of-two local size for reducing {@code m} elements per group. */
    private int localSize(ProgramSpec spec, String name, int m) {
        long max = Math.min(Kernels.REDUCE_WG_MAX, maxLocal(kernel(spec, name)));
        int lsz = 1;
        while (lsz < m && lsz * 2L <= max) {
            lsz *= 2;
        }
        return lsz;
    }

    private long maxLocal(cl_kernel k) {
        return maxLocal.computeIfAbsent(k, kk -> {
            long[] v = new long[1];
            CL.clGetKernelWorkGroupInfo(kk, dev.id(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
            return v[0];
        });
    }

    // ================================================================== matmul

    @Override
    public void matmul(View out, View a, View b) {
        DType t = out.dtype();
        if ((t != DType.F32 && t != DType.F64) || a.dtype() != t || b.dtype() != t) {
            throw new IllegalArgumentException("matmul: needs F32 or F64 operands of one dtype, got "
                    + a.dtype() + ", " + b.dtype() + " into " + t);
        }
        requireFp64(t, "matmul");
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
        Dims bd = Dims.coalesce(batchShape, Arrays.copyOf(a.strides(), r - 2), Arrays.copyOf(b.strides(), r - 2));
        int[] as = a.strides();
        int[] bs = b.strides();
        int aSm = as[r - 2];
        int aSk = as[r - 1];
        int bSk = bs[r - 2];
        int bSn = bs[r - 1];
        if (k > 0 && useClBlast((long) m * n * k) && clblast().gemm(this, t, storage(out), out.offset(),
                storage(a), a.offset(), aSm, aSk, storage(b), b.offset(), bSk, bSn, m, n, k, batch, bd, lock)) {
            return;
        }
        ProgramSpec spec = Kernels.gemm(t, tiles);
        long gx = (long) ((n + tiles.tsn() - 1) / tiles.tsn()) * tiles.localN();
        long gy = (long) ((m + tiles.tsm() - 1) / tiles.tsm()) * tiles.localM();
        synchronized (lock) {
            new Launch(spec, Kernels.gemmName(t)).mem(storage(out)).i(out.offset())
                    .mem(storage(a)).i(a.offset()).i(aSm).i(aSk)
                    .mem(storage(b)).i(b.offset()).i(bSk).i(bSn).i(m).i(n).i(k)
                    .i(bd.rank()).dims(bd.shape).dims(bd.strides[0]).dims(bd.strides[1])
                    .run(new long[] {gx, gy, batch}, new long[] {tiles.localN(), tiles.localM(), 1});
        }
    }

    private boolean useClBlast(long flops) {
        return switch (gemmMode) {
            case TILED -> false;
            case CLBLAST -> true;
            case AUTO -> flops >= CLBLAST_MIN_FLOPS && clblastLoads();
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
            return false;
        }
    }

    private ClBlastGemm clblast() {
        ClBlastGemm c = clblast;
        if (c == null) {
            synchronized (this) {
                c = clblast;
                if (c == null) {
                    clblast = c = ClBlastGemm.load();
                }
            }
        }
        return c;
    }

    // ================================================================== gather / scatter

    /** System property: false skips the read-back that reports out-of-range indices (no host sync). */
    public static final String CHECK_INDICES_PROPERTY = "sinapsis.opencl.checkIndices";
    private final boolean checkIndices = !"false".equalsIgnoreCase(System.getProperty(CHECK_INDICES_PROPERTY));

    @Override
    public void gather(View out, View in, int axis, View index) {
        indexOp("gather", out, in, index, axis, in.dim(axis), in);
    }

    @Override
    public void scatterAdd(View out, int axis, View index, View src) {
        indexOp("scatterAdd", out, src, index, axis, out.dim(axis), out);
    }

    /**
     * gather: walks {@code out}'s shape, reading {@code data} (= in) at the index along {@code axis}.
     * scatterAdd: walks {@code data}'s (= src) shape, adding into {@code out} at the index.
     */
    private void indexOp(String op, View out, View data, View index, int axis, int size, View indexed) {
        if (index.dtype() != DType.I64) {
            throw new IllegalArgumentException(op + ": index must be I64, got " + index.dtype());
        }
        DType t = out.dtype();
        if (data.dtype() != t) {
            throw new IllegalArgumentException(op + ": dtypes " + t + " and " + data.dtype());
        }
        boolean gather = op.equals("gather");
        Shape walk = gather ? out.shape() : data.shape();
        int n = walk.numel();
        if (n == 0) {
            return;
        }
        int[] zeroed = indexed.strides().clone();
        int axisStride = zeroed[axis];
        zeroed[axis] = 0;
        int[] outStrides = gather ? out.strides() : zeroed;
        int[] dataStrides = gather ? zeroed : data.strides();
        ProgramSpec spec = Kernels.index(t);
        String name = Kernels.indexName(t) + (gather ? "_gather" : "_scatter_add");
        BufferPool.Lease err = pool.acquire(16);
        try {
            synchronized (lock) {
                enqueue(name, () -> CL.clEnqueueFillBuffer(queue, err.mem, Pointer.to(new long[] {0}), 8, 0, 16,
                        0, null, null));
                new Launch(spec, name).mem(storage(out)).i(out.offset()).dims(outStrides)
                        .mem(storage(data)).i(data.offset()).dims(dataStrides)
                        .mem(storage(index)).i(index.offset()).dims(index.strides())
                        .dims(walk.toArray()).i(walk.rank()).i(n).i(axisStride).i(size).mem(err.mem)
                        .run1(Math.min(n, ELEMENTWISE_MAX_ITEMS));
                if (checkIndices) {
                    long[] e = new long[2];
                    enqueue(name, () -> CL.clEnqueueReadBuffer(queue, err.mem, true, 0, 16, Pointer.to(e), 0, null, null));
                    if (e[0] != 0) {
                        throw new IndexOutOfBoundsException(op + ": index " + e[1] + " is out of bounds for axis "
                                + axis + " of size " + size);
                    }
                }
            }
        } finally {
            err.run();
        }
    }

    // ================================================================== random, conv

    @Override
    public void random(Distribution distribution, View out, long seed, long offset, double a, double b) {
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("random: the output must be contiguous");
        }
        int n = out.numel();
        if (n == 0) {
            return;
        }
        ProgramSpec spec = Kernels.random(dev.fp64());
        synchronized (lock) {
            Launch l = new Launch(spec, Kernels.randomName(distribution, out.dtype()))
                    .mem(storage(out)).i(out.offset()).i(n).l(seed).l(offset);
            if (dev.fp64()) {
                l.d(a).d(b);
            } else {
                l.f((float) a).f((float) b);
            }
            l.l((long) a).l((long) b).run1(Math.min(n, ELEMENTWISE_MAX_ITEMS));
        }
    }

    @Override
    public void im2col(View out, View in, ConvGeometry g) {
        convCheck("im2col", out, in);
        int[] s = in.strides();
        int h = in.dim(2);
        int w = in.dim(3);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        synchronized (lock) {
            new Launch(Kernels.conv(in.dtype()), Kernels.convName(in.dtype()) + "_im2col")
                    .mem(storage(out)).i(out.offset()).mem(storage(in)).i(in.offset())
                    .i(s[0]).i(s[1]).i(s[2]).i(s[3]).i(in.dim(0)).i(in.dim(1)).i(h).i(w)
                    .geometry(g, h, w).run1(Math.min(total, ELEMENTWISE_MAX_ITEMS));
        }
    }

    @Override
    public void col2im(View out, View cols, ConvGeometry g) {
        convCheck("col2im", out, cols);
        int[] s = cols.strides();
        int h = out.dim(2);
        int w = out.dim(3);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        synchronized (lock) {
            new Launch(Kernels.conv(out.dtype()), Kernels.convName(out.dtype()) + "_col2im")
                    .mem(storage(out)).i(out.offset()).mem(storage(cols)).i(cols.offset())
                    .i(s[0]).i(s[1]).i(s[2]).i(out.dim(0)).i(out.dim(1)).i(h).i(w)
                    .geometry(g, h, w).run1(Math.min(total, ELEMENTWISE_MAX_ITEMS));
        }
    }

    private void convCheck(String op, View contiguous, View other) {
        if (!contiguous.isContiguous()) {
            throw new IllegalArgumentException(op + ": the output view must be contiguous");
        }
        if (contiguous.dtype() != other.dtype() || !contiguous.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs F32 or F64 operands of one dtype, got "
                    + contiguous.dtype() + " and " + other.dtype());
        }
        requireFp64(contiguous.dtype(), op);
    }

    private void requireFp64(DType t, String op) {
        if (t == DType.F64 && !dev.fp64()) {
            throw new UnsupportedOperationException(op + ": the OpenCL device " + dev.name()
                    + " has no double precision (cl_khr_fp64); use F32 or another backend");
        }
    }

    // ================================================================== programs and launches

    /** Compiles (once per device) and returns the kernel {@code name} of {@code spec}. */
    cl_kernel kernel(ProgramSpec spec, String name) {
        Map<String, cl_kernel> ks = kernels.computeIfAbsent(spec.key(), key -> new ConcurrentHashMap<>());
        cl_kernel k = ks.get(name);
        if (k != null) {
            return k;
        }
        cl_program program = programs.get(spec.render(Target.OPENCL, dev.fp64()), dev.id(), src -> build(spec, src));
        try {
            k = CL.clCreateKernel(program, name, null);
        } catch (CLException e) {
            throw OpenClException.of("kernel " + name + " of program " + spec.key(), e);
        }
        ks.put(name, k);
        return k;
    }

    private cl_program build(ProgramSpec spec, String source) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {dev.id()}, buildOptions, null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, dev.id(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, dev.id(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            throw new OpenClException("building program " + spec.key() + " for " + dev.name() + ": "
                    + CL.stringFor_errorCode(e.getStatus()) + "\n" + new String(log, java.nio.charset.StandardCharsets.UTF_8).trim(),
                    e.getStatus(), e);
        }
        return program;
    }

    /** Runs one CL call, turning a failure into an exception naming {@code what} and the CL error. */
    static void enqueue(String what, Supplier<Integer> call) {
        try {
            call.get();
        } catch (CLException e) {
            throw OpenClException.of(what, e);
        }
    }

    /** Sets a kernel's arguments in order, then enqueues it. Callers hold {@link #lock}. */
    private final class Launch {
        private final cl_kernel kernel;
        private final String name;
        private int arg;

        Launch(ProgramSpec spec, String name) {
            this.kernel = kernel(spec, name);
            this.name = name;
        }

        private Launch set(long size, Pointer p) {
            try {
                CL.clSetKernelArg(kernel, arg, size, p);
            } catch (CLException e) {
                throw OpenClException.of("kernel " + name + ", argument " + arg, e);
            }
            arg++;
            return this;
        }

        Launch mem(OpenClStorage s) {
            return set(Sizeof.cl_mem, Pointer.to(s.mem()));
        }

        Launch mem(cl_mem m) {
            return set(Sizeof.cl_mem, Pointer.to(m));
        }

        Launch i(int v) {
            return set(Sizeof.cl_int, Pointer.to(new int[] {v}));
        }

        Launch l(long v) {
            return set(Sizeof.cl_long, Pointer.to(new long[] {v}));
        }

        Launch d(double v) {
            return set(Sizeof.cl_double, Pointer.to(new double[] {v}));
        }

        Launch f(float v) {
            return set(Sizeof.cl_float, Pointer.to(new float[] {v}));
        }

        Launch raw(long size, Pointer p) {
            return set(size, p);
        }

        /** A {@code dims_t}: the ints padded to the kernels' maximum rank. */
        Launch dims(int[] v) {
            return set((long) Sizeof.cl_int * Kernels.MAX_RANK, Pointer.to(Dims.pad(v, name)));
        }

        Launch geometry(ConvGeometry g, int h, int w) {
            return i(g.kernelH()).i(g.kernelW()).i(g.strideH()).i(g.strideW()).i(g.padH()).i(g.padW())
                    .i(g.dilationH()).i(g.dilationW()).i(g.outH(h)).i(g.outW(w));
        }

        /** A 1-d launch of {@code items} work-items; the driver picks the local size. */
        void run1(long items) {
            run(new long[] {items}, null);
        }

        /** A 1-d launch of {@code groups} groups of {@code local} work-items. */
        void run1Groups(long groups, int local) {
            run(new long[] {groups * local}, new long[] {local});
        }

        void run(long[] global, long[] local) {
            try {
                CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, local, 0, null, null);
            } catch (CLException e) {
                throw OpenClException.of("kernel " + name + " (global " + Arrays.toString(global) + ", local "
                        + Arrays.toString(local) + ")", e);
            }
        }
    }
}
