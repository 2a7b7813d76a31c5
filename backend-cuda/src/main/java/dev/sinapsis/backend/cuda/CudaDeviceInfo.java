package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.BackendUnavailableException;
import java.util.List;
import java.util.Locale;

/**
 * One CUDA device as the driver describes it.
 *
 * @param index          the driver's ordinal
 * @param name           e.g. {@code "NVIDIA H200"}
 * @param major          compute capability, major
 * @param minor          compute capability, minor
 * @param totalMemory    bytes of device memory
 * @param multiprocessors streaming multiprocessors
 * @param clockKhz       the multiprocessors' peak clock in kHz, as the driver reports it (0: unknown)
 */
record CudaDeviceInfo(int index, String name, int major, int minor, long totalMemory, int multiprocessors,
                      int clockKhz) {
    /** System property choosing the device: an ordinal or a part of its name. */
    static final String PROPERTY = "sinapsis.cuda.device";

    /** Compute capability as {@code 10 * major + minor} (7.5 is 75). */
    int capability() {
        return 10 * major + minor;
    }

    /**
     * FP32 (or, with {@code f64}, FP64) fused multiply-add units per multiprocessor, from the
     * architecture's published figures; 0 for an architecture not in the table.
     */
    int lanesPerMultiprocessor(boolean f64) {
        return switch (capability()) {
            case 70, 80 -> f64 ? 32 : 64;        // V100, A100
            case 75 -> f64 ? 2 : 64;             // T4, Turing
            case 86, 87, 89 -> f64 ? 2 : 128;    // Ampere GA10x, Orin, Ada
            case 90, 100 -> f64 ? 64 : 128;      // H100/H200, B200
            case 120 -> f64 ? 2 : 128;           // Blackwell GB20x
            default -> 0;
        };
    }

    /**
     * The arithmetic peak in GFLOP/s: multiprocessors x FMA units x 2 x clock; empty where the
     * architecture or the clock is not known.
     */
    java.util.OptionalDouble peakGflops(boolean f64) {
        int lanes = lanesPerMultiprocessor(f64);
        return lanes == 0 || clockKhz <= 0 ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(multiprocessors * (double) lanes * 2 * clockKhz / 1e6);
    }

    /** How {@link #peakGflops} is computed, for a legend. */
    String peakFormula(boolean f64) {
        return multiprocessors + " SMs x " + lanesPerMultiprocessor(f64) + (f64 ? " FP64" : " FP32") + " FMA units x 2 x "
                + clockKhz / 1000 + " MHz (the driver's peak clock; units per SM of compute capability " + major + "."
                + minor + ")";
    }

    /** "NVIDIA H200, compute capability 9.0, 143771 MiB, 132 SMs". */
    String describe() {
        return name + ", compute capability " + major + "." + minor + ", " + (totalMemory >> 20) + " MiB, "
                + multiprocessors + " SMs";
    }

    /**
     * The device {@code want} names (an ordinal or a case-insensitive part of the name; blank: the
     * first). A value that matches nothing is a {@link BackendUnavailableException} listing the devices.
     */
    static CudaDeviceInfo choose(List<CudaDeviceInfo> devices, String want) {
        if (devices.isEmpty()) {
            throw new BackendUnavailableException("no CUDA device");
        }
        String w = want == null ? "" : want.trim();
        if (w.isEmpty()) {
            return devices.get(0);
        }
        if (w.matches("\\d+")) {
            int i = Integer.parseInt(w);
            for (CudaDeviceInfo d : devices) {
                if (d.index == i) {
                    return d;
                }
            }
        } else {
            String lower = w.toLowerCase(Locale.ROOT);
            for (CudaDeviceInfo d : devices) {
                if (d.name.toLowerCase(Locale.ROOT).contains(lower)) {
                    return d;
                }
            }
        }
        throw new BackendUnavailableException("-D" + PROPERTY + "=" + w + " matches no CUDA device; set it to "
                + "an ordinal or a part of a name of: " + list(devices));
    }

    static String list(List<CudaDeviceInfo> devices) {
        StringBuilder s = new StringBuilder();
        for (CudaDeviceInfo d : devices) {
            s.append(s.length() == 0 ? "" : "; ").append(d.index).append(": ").append(d.describe());
        }
        return s.toString();
    }
}
