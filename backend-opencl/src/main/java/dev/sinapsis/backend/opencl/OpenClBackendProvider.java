package dev.sinapsis.backend.opencl;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;

/**
 * Registers the OpenCL backend. Priority 10 (above the CPU backend, below CUDA) when the chosen
 * device is a GPU or accelerator; -10 when it is a CPU device (such as PoCL), since the CPU
 * backend is faster on the same cores — it is then used only when asked for. Available when an
 * OpenCL platform with a device is found; the check never lets a missing {@code libOpenCL} or
 * driver crash the JVM.
 */
public final class OpenClBackendProvider implements BackendProvider {
    /** Fix offered when the library or driver is missing. */
    static final String FIX = "install an OpenCL ICD loader and driver, e.g. on Debian/Ubuntu "
            + "`apt-get install ocl-icd-libopencl1 pocl-opencl-icd` (PoCL runs OpenCL on the CPU), "
            + "or your GPU vendor's OpenCL driver";

    private static volatile Availability availability;
    private static volatile boolean cpuDevice;

    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    @Override
    public int priority() {
        return availability().available() && !cpuDevice ? 10 : -10;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            availability = a = probe();
        }
        return a;
    }

    /** Lists devices; every failure becomes an unavailable answer with its reason. */
    static Availability probe() {
        try {
            List<ClDevice> devices = ClDevice.discover();
            if (devices.isEmpty()) {
                return Availability.no("the OpenCL platforms have no device", FIX);
            }
            cpuDevice = ClDevice.choose(devices).isCpu();
            return Availability.yes();
        } catch (CLException e) {
            if (e.getStatus() == CL.CL_PLATFORM_NOT_FOUND_KHR) {
                return Availability.no("no OpenCL platform (CL_PLATFORM_NOT_FOUND_KHR): the ICD loader found no "
                        + "driver", "install an ICD such as Debian's pocl-opencl-icd (apt-get install pocl-opencl-icd)");
            }
            return Availability.no("OpenCL device discovery failed: " + CL.stringFor_errorCode(e.getStatus()), FIX);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return Availability.no("the OpenCL library (libOpenCL) or JOCL's native library could not be loaded: "
                    + e, FIX);
        } catch (RuntimeException e) {
            return Availability.no("OpenCL is not usable: " + e.getMessage(), FIX);
        }
    }

    @Override
    public Backend create() {
        return new OpenClBackend();
    }
}
