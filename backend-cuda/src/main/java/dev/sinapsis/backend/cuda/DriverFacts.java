package dev.sinapsis.backend.cuda;

import java.util.List;

/**
 * What the CUDA driver and JCuda said when asked once: {@code cuInit}'s result, the driver's
 * CUDA version, the devices, and whether NVRTC loaded. Produced by {@link DriverQuery} on a
 * machine with the driver; built by hand in tests.
 *
 * @param initStatus    {@code cuInit}'s result (0 is success)
 * @param initError     its name when not 0 (e.g. {@code CUDA_ERROR_NO_DEVICE})
 * @param driverVersion {@code cuDriverGetVersion}: 1000 * major + 10 * minor (12040 is 12.4)
 * @param devices       every device, in ordinal order
 * @param nvrtcError    why NVRTC cannot be used, or null when it loaded
 * @param nvrtcVersion  NVRTC's version as 1000 * major + 10 * minor, 0 when it did not load
 */
record DriverFacts(int initStatus, String initError, int driverVersion, List<CudaDeviceInfo> devices,
                   String nvrtcError, int nvrtcVersion) {
    DriverFacts {
        devices = List.copyOf(devices);
    }

    /** "12.4" from 12040. */
    static String version(int v) {
        return v / 1000 + "." + (v % 1000) / 10;
    }
}
