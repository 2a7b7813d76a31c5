package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.KernelParam;
import dev.sinapsis.kernels.KernelSignature;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ParamType;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * The arguments of one kernel launch, collected in order and checked against the kernel's
 * declared {@link KernelSignature} before anything reaches the driver: a wrong count or a wrong
 * kind (an {@code int} where the C takes a {@code long}, a buffer of another dtype) is an
 * {@link IllegalArgumentException} naming the kernel and the parameter. Then the kernel is
 * launched on the runtime's stream ({@code cuLaunchKernel} copies the argument values at launch).
 *
 * <p>Work is described as OpenCL's backend does (items, groups); a block of
 * {@link #BLOCK} threads is the CUDA counterpart of "the driver picks the local size".
 */
final class KernelLaunch {
    /** Threads of a grid-stride launch at most; the kernels' loops cover the rest. */
    static final long MAX_GRID_ITEMS = 1 << 22;
    /** Threads per block when the kernel does not depend on the block size. */
    static final int BLOCK = 256;

    private final CudaRuntime runtime;
    private final CudaRuntime.CompiledKernel kernel;
    private ParamType[] types;
    private Pointer[] values;
    private int count;

    KernelLaunch(CudaRuntime runtime, CudaRuntime.CompiledKernel kernel) {
        this.runtime = runtime;
        this.kernel = kernel;
        int n = kernel.signature().params().size();
        this.types = new ParamType[n];
        this.values = new Pointer[n];
    }

    private KernelLaunch add(ParamType type, Pointer value) {
        if (count == types.length) {
            // more arguments than parameters: kept so the error can say how many were given
            int n = Math.max(4, count * 2);
            types = Arrays.copyOf(types, n);
            values = Arrays.copyOf(values, n);
        }
        types[count] = type;
        values[count] = value;
        count++;
        return this;
    }

    /** A global buffer: the storage's device pointer, of the storage's dtype. */
    KernelLaunch buffer(CudaStorage s) {
        return buffer(s.ptr(), s.dtype());
    }

    /** A global buffer of {@code element}s. */
    KernelLaunch buffer(CUdeviceptr ptr, DType element) {
        return add(ParamType.buffer(element), Pointer.to(ptr));
    }

    /** An {@code int}. */
    KernelLaunch i(int v) {
        return add(ParamType.INT, Pointer.to(new int[] {v}));
    }

    /** A {@code long}. */
    KernelLaunch l(long v) {
        return add(ParamType.LONG, Pointer.to(new long[] {v}));
    }

    /** A {@code float}. */
    KernelLaunch f(float v) {
        return add(ParamType.FLOAT, Pointer.to(new float[] {v}));
    }

    /** A {@code double}. */
    KernelLaunch d(double v) {
        return add(ParamType.DOUBLE, Pointer.to(new double[] {v}));
    }

    /** A scalar of dtype {@code t} holding {@code value} converted as a cast in Java would (BOOL: non-zero). */
    KernelLaunch scalar(DType t, double value) {
        return switch (t) {
            case F32 -> f((float) value);
            case F64 -> d(value);
            case I32 -> i((int) (long) value);
            case I64 -> l((long) value);
            case BOOL -> add(ParamType.scalar(DType.BOOL), Pointer.to(new byte[] {(byte) (value != 0 ? 1 : 0)}));
        };
    }

    /** A {@code dims_t}: the ints padded with zeros to {@link Kernels#MAX_RANK}. */
    KernelLaunch dims(int[] v) {
        int[] padded = newDims(v.length);
        System.arraycopy(v, 0, padded, 0, v.length);
        return addDims(padded);
    }

    /** The coalesced shape as a {@code dims_t}. */
    KernelLaunch shape(CoalescedAxes axes) {
        int[] v = newDims(axes.rank());
        for (int a = 0; a < axes.rank(); a++) {
            v[a] = axes.size(a);
        }
        return addDims(v);
    }

    /** Operand {@code operand}'s coalesced strides as a {@code dims_t}. */
    KernelLaunch strides(CoalescedAxes axes, int operand) {
        int[] v = newDims(axes.rank());
        for (int a = 0; a < axes.rank(); a++) {
            v[a] = axes.stride(operand, a);
        }
        return addDims(v);
    }

    private int[] newDims(int rank) {
        if (rank > Kernels.MAX_RANK) {
            throw new IllegalArgumentException("kernel " + name() + ": argument " + count + " has " + rank
                    + " dimensions after merging; the CUDA kernels take at most " + Kernels.MAX_RANK);
        }
        return new int[Kernels.MAX_RANK];
    }

    private KernelLaunch addDims(int[] padded) {
        return add(ParamType.DIMS, Pointer.to(padded));
    }

    /** A 1-d grid-stride launch over {@code n} elements (at most {@link #MAX_GRID_ITEMS} threads). */
    void runPerElement(long n) {
        runItems(Math.min(n, MAX_GRID_ITEMS));
    }

    /** At least {@code items} threads in blocks of {@link #BLOCK} (the kernels ignore threads past their range). */
    void runItems(long items) {
        run(new long[] {(items + BLOCK - 1) / BLOCK, 1, 1}, new int[] {BLOCK, 1, 1});
    }

    /** {@code groups} blocks of {@code local} threads. */
    void runGroups(long groups, int local) {
        run(new long[] {groups, 1, 1}, new int[] {local, 1, 1});
    }

    /** OpenCL's global and local sizes (global a multiple of local in each dimension) as a grid of blocks. */
    void runNd(long[] global, long[] local) {
        long[] grid = {1, 1, 1};
        int[] block = {1, 1, 1};
        for (int d = 0; d < global.length; d++) {
            block[d] = (int) local[d];
            grid[d] = global[d] / local[d];
        }
        run(grid, block);
    }

    /** Checks the arguments against the signature, then launches {@code grid} blocks of {@code block} threads. */
    void run(long[] grid, int[] block) {
        check();
        for (int d = 0; d < 3; d++) {
            if (grid[d] > (d == 0 ? Integer.MAX_VALUE : 65535)) {
                throw new IllegalArgumentException("kernel " + name() + ": a grid of " + Arrays.toString(grid)
                        + " blocks exceeds the device's limits");
            }
        }
        if (grid[0] * grid[1] * grid[2] == 0) {
            return;
        }
        Pointer params = Pointer.to(Arrays.copyOf(values, count));
        runtime.call("kernel " + name() + " (grid " + Arrays.toString(grid) + ", block " + Arrays.toString(block) + ")",
                () -> JCudaDriver.cuLaunchKernel(kernel.handle(), (int) grid[0], (int) grid[1], (int) grid[2],
                        block[0], block[1], block[2], 0, runtime.stream(), params, null));
    }

    /** Throws when the arguments do not match the kernel's signature (count first, then each kind). */
    void check() {
        List<KernelParam> params = kernel.signature().params();
        if (count != params.size()) {
            throw new IllegalArgumentException("kernel " + name() + ": takes " + params.size() + " arguments, got "
                    + count + "; its signature is " + kernel.signature());
        }
        for (int a = 0; a < count; a++) {
            KernelParam p = params.get(a);
            if (!p.type().equals(types[a])) {
                throw new IllegalArgumentException("kernel " + name() + ": argument " + a + " '" + p.name() + "' is "
                        + p.type() + ", got " + types[a]);
            }
        }
    }

    private String name() {
        return kernel.signature().name();
    }
}
