package dev.sinapsis.cli;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.tensor.DType;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A backend's arithmetic peak for the {@code % peak} column of {@code sinapsis bench}, with the
 * formula (or the reason it is unknown) for the legend.
 *
 * @param gflops  the peak in GFLOP/s, empty when it cannot be known
 * @param formula how it was computed, or why it is not known
 */
record DevicePeak(OptionalDouble gflops, String formula) {

    /** A CUDA device's peak, or unknown (its architecture is not in the table) with that reason. */
    static DevicePeak cuda(OptionalDouble gflops, String formula) {
        return gflops.isPresent() ? new DevicePeak(gflops, formula)
                : unknown("no FMA-unit figures for this CUDA architecture: " + formula);
    }

    /**
     * The CPU's peak: the measured FMA throughput when the Vector API is present (the nominal
     * formula follows it in the legend), else the formula alone.
     */
    static DevicePeak cpu(CpuPeak host, DType dtype, Optional<FmaPeak.Result> measured) {
        if (measured.isEmpty()) {
            return new DevicePeak(host.gflops(dtype), host.formula(dtype));
        }
        FmaPeak.Result m = measured.get();
        return new DevicePeak(OptionalDouble.of(m.gflops()), String.format(Locale.ROOT, "%.1f GFLOP/s, %s (nominal: %s)",
                m.gflops(), m.how(), host.formula(dtype)));
    }

    /** An unknown peak, with the reason. */
    static DevicePeak unknown(String why) {
        return new DevicePeak(OptionalDouble.empty(), why);
    }

    /** The percentage of this peak that {@code gflops} reaches, empty when the peak is unknown. */
    OptionalDouble percent(double achieved) {
        return gflops.isPresent() && gflops.getAsDouble() > 0 ? OptionalDouble.of(100 * achieved / gflops.getAsDouble())
                : OptionalDouble.empty();
    }

    /**
     * The peak of {@code backend}'s device: the host CPU's measured FMA throughput ({@code cpuFma},
     * else its nominal formula) for the CPU backend and for an OpenCL device that is this host's
     * CPU, the reported figures for another OpenCL device, the multiprocessors, their FMA units and the driver's clock
     * for CUDA, unknown for any other backend (which still appears in the table, without a
     * percentage).
     */
    static DevicePeak of(Backend backend, DType dtype, CpuPeak host, Optional<FmaPeak.Result> cpuFma) {
        return switch (backend.name()) {
            case "cpu" -> cpu(host, dtype, cpuFma);
            case "opencl" -> OpenClPeak.of(backend.description(), dtype, cpuFma,
                    dev.sinapsis.backend.cpu.Parallel.threads());
            case "cuda" -> backend instanceof dev.sinapsis.backend.cuda.CudaBackend c
                    ? cuda(c.peakGflops(dtype == DType.F64), c.peakFormula(dtype == DType.F64))
                    : unknown("the cuda backend is not Sinapsis's CudaBackend");
            default -> unknown("the " + backend.name() + " backend's device peak is not known to sinapsis bench");
        };
    }
}
