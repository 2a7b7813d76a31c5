package dev.sinapsis.cli;

import dev.sinapsis.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The peak of the OpenCL backend's device from the figures the device reports: compute units,
 * maximum clock, native vector width. For a CPU device (such as PoCL) that is
 * {@code compute units x native lanes x 2 (FMA) x 2 FMA units (assumed) x clock}, unless the device
 * is this host's CPU (as many compute units as the host FMA throughput was measured on): then that
 * measured figure, as for the CPU backend (a VM reports its nominal clock, below what its cores
 * run at). A GPU does not report its lanes per compute unit, so its peak is "n/a" with the figures
 * it does report.
 */
final class OpenClPeak {
    private OpenClPeak() {
    }

    /**
     * The peak of the device named in {@code description} (the backend's description line);
     * {@code hostFma} is the host's FMA throughput measured on {@code hostThreads} threads, if any.
     */
    static DevicePeak of(String description, DType dtype, Optional<FmaPeak.Result> hostFma, int hostThreads) {
        try {
            return find(description, dtype, hostFma, hostThreads);
        } catch (RuntimeException | LinkageError e) {
            return DevicePeak.unknown("the OpenCL device figures could not be read: " + e.getMessage());
        }
    }

    private static DevicePeak find(String description, DType dtype, Optional<FmaPeak.Result> hostFma,
                                   int hostThreads) {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        for (cl_platform_id p : platforms) {
            int[] n = new int[1];
            try {
                CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (org.jocl.CLException e) {
                continue; // a platform without devices
            }
            cl_device_id[] ids = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id d : ids) {
                String name = string(d, CL.CL_DEVICE_NAME).trim();
                if (!name.isEmpty() && description.contains(name)) {
                    return peak(d, name, dtype, hostFma, hostThreads);
                }
            }
        }
        return DevicePeak.unknown("the backend's device was not found among the OpenCL devices");
    }

    private static DevicePeak peak(cl_device_id d, String name, DType dtype, Optional<FmaPeak.Result> hostFma,
                                   int hostThreads) {
        int units = integer(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS);
        int mhz = integer(d, CL.CL_DEVICE_MAX_CLOCK_FREQUENCY);
        int lanes = integer(d, dtype == DType.F64 ? CL.CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE
                : CL.CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT);
        long type = longValue(d, CL.CL_DEVICE_TYPE);
        boolean cpu = (type & CL.CL_DEVICE_TYPE_CPU) != 0 && (type & CL.CL_DEVICE_TYPE_GPU) == 0;
        DevicePeak nominal = peak(name, cpu, units, mhz, lanes);
        return cpu ? onHost(nominal, units, hostFma, hostThreads, Runtime.getRuntime().availableProcessors()) : nominal;
    }

    /**
     * A CPU device's peak: the host's measured FMA throughput when the device has as many compute
     * units as the measurement's threads and the host's processors (it is this CPU, all of it),
     * with the device's {@code nominal} figure in the legend; else {@code nominal}.
     */
    static DevicePeak onHost(DevicePeak nominal, int computeUnits, Optional<FmaPeak.Result> hostFma, int hostThreads,
                             int hostProcessors) {
        if (hostFma.isEmpty() || computeUnits != hostThreads || computeUnits != hostProcessors) {
            return nominal;
        }
        FmaPeak.Result m = hostFma.get();
        return new DevicePeak(OptionalDouble.of(m.gflops()), String.format(Locale.ROOT,
                "%.1f GFLOP/s, this host's CPU (the device's %d compute units are its %d processors), %s (nominal: %s)",
                m.gflops(), computeUnits, hostProcessors, m.how(), nominal.formula()));
    }

    /** The peak from the reported figures (a CPU device's only; a GPU's lanes per unit are not reported). */
    static DevicePeak peak(String name, boolean cpuDevice, int computeUnits, int clockMhz, int nativeLanes) {
        if (!cpuDevice) {
            return DevicePeak.unknown(String.format(Locale.ROOT, "n/a: %s reports %d compute units at %d MHz but not"
                    + " its lanes per compute unit", name, computeUnits, clockMhz));
        }
        if (computeUnits <= 0 || clockMhz <= 0 || nativeLanes <= 0) {
            return DevicePeak.unknown(String.format(Locale.ROOT, "n/a: %s reports %d compute units, %d MHz,"
                    + " %d native lanes", name, computeUnits, clockMhz, nativeLanes));
        }
        double gflops = (double) computeUnits * nativeLanes * 2 * CpuPeak.FMA_UNITS * clockMhz / 1000;
        return new DevicePeak(OptionalDouble.of(gflops), String.format(Locale.ROOT, "%d compute units x %d native lanes"
                        + " x 2 (FMA) x %d FMA units per unit (assumed) x %.2f GHz, as %s reports = %.1f GFLOP/s",
                computeUnits, nativeLanes, CpuPeak.FMA_UNITS, clockMhz / 1000.0, name, gflops));
    }

    private static String string(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return new String(buf, 0, Math.max(0, buf.length - 1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int integer(cl_device_id d, int param) {
        int[] v = new int[1];
        CL.clGetDeviceInfo(d, param, Integer.BYTES, Pointer.to(v), null);
        return v[0];
    }

    private static long longValue(cl_device_id d, int param) {
        ByteBuffer b = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
        CL.clGetDeviceInfo(d, param, Long.BYTES, Pointer.to(b), null);
        return b.getLong(0);
    }
}
