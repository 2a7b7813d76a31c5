package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.layout.CoalescedAxes;
import dev.sinapsis.kernels.KernelParam;
import dev.sinapsis.kernels.KernelSignature;
import dev.sinapsis.kernels.Kernels;
import dev.sinapsis.kernels.ParamType;
import dev.sinapsis.tensor.DType;
import java.util.Arrays;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * The arguments of one kernel launch, collected in order and checked against the kernel's
 * declared {@link KernelSignature} when the launch runs: a wrong count or a wrong kind (an
 * {@code int} where the C takes a {@code long}, a buffer of another dtype) is an
 * {@link IllegalArgumentException} naming the kernel and the parameter, thrown before any
 * argument is set on the device. Only then are the arguments set and the kernel enqueued, both
 * under the runtime's lock.
 */
final class KernelLaunch {
    /** Work-items of a grid-stride launch at most; the kernels' loops cover the rest. */
    static final long MAX_GRID_ITEMS = 1 << 22;

    private final OpenClRuntime runtime;
    private final OpenClRuntime.CompiledKernel kernel;
    private ParamType[] types;
    private long[] sizes;
    private Pointer[] values;
    private int count;

    KernelLaunch(OpenClRuntime runtime, OpenClRuntime.CompiledKernel kernel) {
        this.runtime = runtime;
        this.kernel = kernel;
        int n = kernel.signature().params().size();
        this.types = new ParamType[n];
        this.sizes = new long[n];
        this.values = new Pointer[n];
    }

    private KernelLaunch add(ParamType type, long size, Pointer value) {
        if (count == types.length) {
            // more arguments than parameters: kept so the error can say how many were given
            int n = Math.max(4, count * 2);
            types = Arrays.copyOf(types, n);
            sizes = Arrays.copyOf(sizes, n);
            values = Arrays.copyOf(values, n);
        }
        types[count] = type;
        sizes[count] = size;
        values[count] = value;
        count++;
        return this;
    }

    /** A global buffer: the storage's buffer, of the storage's dtype. */
    KernelLaunch buffer(OpenClStorage s) {
        return buffer(s.mem(), s.dtype());
    }

    /** A global buffer of {@code element}s. */
    KernelLaunch buffer(cl_mem mem, DType element) {
        return add(ParamType.buffer(element), Sizeof.cl_mem, Pointer.to(mem));
    }

    /** An {@code int}. */
    KernelLaunch i(int v) {
        return add(ParamType.INT, Sizeof.cl_int, Pointer.to(new int[] {v}));
    }

    /** A {@code long}. */
    KernelLaunch l(long v) {
        return add(ParamType.LONG, Sizeof.cl_long, Pointer.to(new long[] {v}));
    }

    /** A {@code float}. */
    KernelLaunch f(float v) {
        return add(ParamType.FLOAT, Sizeof.cl_float, Pointer.to(new float[] {v}));
    }

    /** A {@code double}. */
    KernelLaunch d(double v) {
        return add(ParamType.DOUBLE, Sizeof.cl_double, Pointer.to(new double[] {v}));
    }

    /** A scalar of dtype {@code t} holding {@code value} converted as a cast in Java would (BOOL: non-zero). */
    KernelLaunch scalar(DType t, double value) {
        return switch (t) {
            case F32 -> f((float) value);
            case F64 -> d(value);
            case I32 -> i((int) (long) value);
            case I64 -> l((long) value);
            case BOOL -> add(ParamType.scalar(DType.BOOL), Sizeof.cl_uchar,
                    Pointer.to(new byte[] {(byte) (value != 0 ? 1 : 0)}));
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
                    + " dimensions after merging; the OpenCL kernels take at most " + Kernels.MAX_RANK);
        }
        return new int[Kernels.MAX_RANK];
    }

    private KernelLaunch addDims(int[] padded) {
        return add(ParamType.DIMS, (long) Sizeof.cl_int * Kernels.MAX_RANK, Pointer.to(padded));
    }

    /** Local memory of {@code bytes} bytes, allocated by the device for each work-group. */
    KernelLaunch local(long bytes) {
        return add(ParamType.LOCAL_MEMORY, bytes, null);
    }

    /** A 1-d grid-stride launch over {@code n} elements (at most {@link #MAX_GRID_ITEMS} work-items). */
    void runPerElement(long n) {
        run(new long[] {Math.min(n, MAX_GRID_ITEMS)}, null);
    }

    /** A 1-d launch of exactly {@code items} work-items; the driver picks the local size. */
    void runItems(long items) {
        run(new long[] {items}, null);
    }

    /** A 1-d launch of {@code groups} work-groups of {@code local} work-items. */
    void runGroups(long groups, int local) {
        run(new long[] {groups * local}, new long[] {local});
    }

    /** Checks the arguments against the signature, sets them and enqueues the kernel. */
    void run(long[] global, long[] local) {
        check();
        synchronized (runtime.lock()) {
            for (int a = 0; a < count; a++) {
                try {
                    CL.clSetKernelArg(kernel.handle(), a, sizes[a], values[a]);
                } catch (CLException e) {
                    throw OpenClException.of("kernel " + name() + ", argument " + a + " '" + param(a).name() + "'", e);
                }
            }
            try {
                CL.clEnqueueNDRangeKernel(runtime.queue(), kernel.handle(), global.length, null, global, local, 0,
                        null, null);
            } catch (CLException e) {
                throw OpenClException.of("kernel " + name() + " (global " + Arrays.toString(global) + ", local "
                        + Arrays.toString(local) + ")", e);
            }
        }
    }

    private void check() {
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

    private KernelParam param(int a) {
        return kernel.signature().params().get(a);
    }

    private String name() {
        return kernel.signature().name();
    }
}
