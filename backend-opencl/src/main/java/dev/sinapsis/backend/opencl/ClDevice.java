package dev.sinapsis.backend.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_SINGLE_FP_CONFIG;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * An OpenCL device and what the backend needs to know about it. {@link #discover()} lists every
 * device of every platform, GPUs first, then accelerators, then CPUs.
 */
record ClDevice(cl_platform_id platform, cl_device_id id, String name, String platformName, long type,
                long globalMemory, int computeUnits, long maxWorkGroupSize, boolean fp64,
                boolean correctlyRoundedDivSqrt, String version) {

    /** System property choosing the device: an index into {@link #discover()} or a name substring. */
    static final String PROPERTY = "sinapsis.opencl.device";

    /** Every device, GPUs first, then accelerators, then CPUs (then anything else). Throws JOCL's errors. */
    static List<ClDevice> discover() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        List<ClDevice> all = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            String platformName = platformString(p, CL_PLATFORM_NAME);
            int[] n = new int[1];
            try {
                CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (org.jocl.CLException e) {
                continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            cl_device_id[] ids = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id d : ids) {
                String ext = deviceString(d, CL_DEVICE_EXTENSIONS);
                long fp = deviceLong(d, CL_DEVICE_SINGLE_FP_CONFIG);
                all.add(new ClDevice(p, d, deviceString(d, CL_DEVICE_NAME).trim(), platformName.trim(),
                        deviceLong(d, CL_DEVICE_TYPE), deviceLong(d, CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceInt(d, CL_DEVICE_MAX_COMPUTE_UNITS), deviceSizeT(d, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                        ext.contains("cl_khr_fp64"), (fp & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0,
                        deviceString(d, CL_DEVICE_VERSION).trim()));
            }
        }
        all.sort(Comparator.comparingInt(ClDevice::rank));
        return all;
    }

    /** The device {@code -Dsinapsis.opencl.device} selects (index or name substring), else the first. */
    static ClDevice choose(List<ClDevice> devices) {
        String want = System.getProperty(PROPERTY, "").trim();
        if (devices.isEmpty()) {
            throw new IllegalStateException("no OpenCL device");
        }
        if (want.isEmpty()) {
            return devices.get(0);
        }
        if (want.matches("\\d+")) {
            int i = Integer.parseInt(want);
            if (i < devices.size()) {
                return devices.get(i);
            }
        } else {
            String w = want.toLowerCase(Locale.ROOT);
            for (ClDevice d : devices) {
                if (d.name.toLowerCase(Locale.ROOT).contains(w) || d.platformName.toLowerCase(Locale.ROOT).contains(w)) {
                    return d;
                }
            }
        }
        throw new dev.sinapsis.backend.BackendUnavailableException("-D" + PROPERTY + "=" + want
                + " matches no OpenCL device; the devices are: " + list(devices));
    }

    static String list(List<ClDevice> devices) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < devices.size(); i++) {
            s.append(i == 0 ? "" : "; ").append(i).append(": ").append(devices.get(i).describe());
        }
        return s.toString();
    }

    private int rank() {
        if ((type & CL_DEVICE_TYPE_GPU) != 0) {
            return 0;
        }
        if ((type & CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return 1;
        }
        if ((type & CL_DEVICE_TYPE_CPU) != 0) {
            return 2;
        }
        return 3;
    }

    boolean isCpu() {
        return (type & CL_DEVICE_TYPE_CPU) != 0 && (type & CL_DEVICE_TYPE_GPU) == 0;
    }

    String typeName() {
        return switch (rank()) {
            case 0 -> "GPU";
            case 1 -> "accelerator";
            case 2 -> "CPU";
            default -> "device";
        };
    }

    /** "name (platform, GPU), 8192 MiB, 40 compute units, fp64". */
    String describe() {
        return name + " (" + platformName + ", " + typeName() + ", " + version + "), "
                + (globalMemory >> 20) + " MiB, " + computeUnits + " compute units" + (fp64 ? ", fp64" : ", no fp64");
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceSizeT(cl_device_id d, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        CL.clGetDeviceInfo(d, param, Sizeof.cl_int, Pointer.to(v), null);
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
