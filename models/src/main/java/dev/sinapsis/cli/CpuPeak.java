package dev.sinapsis.cli;

import dev.sinapsis.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The nominal arithmetic peak of the host CPU, from what this machine says about itself:
 * {@code vector lanes x 2 (an FMA is a multiply and an add) x FMA units per core x CPUs x clock}.
 *
 * <p>The lanes are the JVM's preferred vector species for the element type (what the CPU
 * backend's kernels use); the CPUs are those this JVM may run on; the clock is the maximum one
 * from {@code /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq}, else the highest
 * {@code cpu MHz} of {@code /proc/cpuinfo}, else unknown. Two FMA units per core is an
 * assumption (true of recent Intel and AMD cores, not of every one), said in {@link #formula}.
 * {@code sinapsis bench} divides by the measured {@link FmaPeak} where it can and shows this
 * figure beside it: a VM's {@code cpu MHz} is its nominal clock, not the one its cores run at.
 *
 * @param cpus        the CPUs this JVM may use
 * @param floatLanes  F32 lanes of the preferred vector species (0 when the Vector API is absent)
 * @param doubleLanes F64 lanes of the preferred vector species (0 when the Vector API is absent)
 * @param ghz         the clock in GHz, if it could be read
 * @param clockSource where the clock came from, or why it is unknown
 */
record CpuPeak(int cpus, int floatLanes, int doubleLanes, OptionalDouble ghz, String clockSource) {
    /** FMA units per core: an assumption, stated in the output. */
    static final int FMA_UNITS = 2;

    private static final Path SYS_MAX_FREQ = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    /** Peak GFLOP/s for {@code dtype}, empty when the clock or the vector width is unknown. */
    OptionalDouble gflops(DType dtype) {
        int lanes = lanes(dtype);
        if (ghz.isEmpty() || lanes == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) lanes * 2 * FMA_UNITS * cpus * ghz.getAsDouble());
    }

    /** The formula with this machine's numbers, for the legend under the table. */
    String formula(DType dtype) {
        String clock = ghz.isPresent() ? String.format(Locale.ROOT, "%.2f GHz (%s)", ghz.getAsDouble(), clockSource)
                : "clock unknown (" + clockSource + ")";
        OptionalDouble peak = gflops(dtype);
        return String.format(Locale.ROOT, "%d CPUs x %s x 2 (FMA) x %d FMA units per core (assumed) x %s = %s",
                cpus, lanes(dtype) == 0 ? "vector width unknown" : lanes(dtype) + " " + dtype.name().toLowerCase(Locale.ROOT)
                        + " lanes (JVM preferred vector species)", FMA_UNITS, clock,
                peak.isPresent() ? String.format(Locale.ROOT, "%.1f GFLOP/s", peak.getAsDouble()) : "unknown");
    }

    private int lanes(DType dtype) {
        return dtype == DType.F64 ? doubleLanes : floatLanes;
    }

    /** This machine's figures. */
    static CpuPeak detect() {
        int floatLanes = 0;
        int doubleLanes = 0;
        try {
            floatLanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
            doubleLanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        } catch (LinkageError e) {
            // run without --add-modules jdk.incubator.vector: the width is unknown, so is the peak
        }
        OptionalDouble ghz = OptionalDouble.empty();
        String source = "neither " + SYS_MAX_FREQ + " nor the cpu MHz of " + CPUINFO + " could be read";
        String max = read(SYS_MAX_FREQ);
        if (max != null) {
            ghz = ghzFromMaxFreq(max);
            source = "cpuinfo_max_freq";
        }
        if (ghz.isEmpty()) {
            String info = read(CPUINFO);
            if (info != null) {
                ghz = ghzFromCpuinfo(info);
                if (ghz.isPresent()) {
                    source = "highest 'cpu MHz' of /proc/cpuinfo";
                }
            }
        }
        return new CpuPeak(Runtime.getRuntime().availableProcessors(), floatLanes, doubleLanes, ghz, source);
    }

    /** GHz from the kHz figure of {@code cpuinfo_max_freq}; empty when it is not a positive number. */
    static OptionalDouble ghzFromMaxFreq(String khz) {
        try {
            double v = Double.parseDouble(khz.trim());
            return v > 0 ? OptionalDouble.of(v / 1e6) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** GHz from the highest {@code cpu MHz} line of {@code /proc/cpuinfo} text; empty when there is none. */
    static OptionalDouble ghzFromCpuinfo(String cpuinfo) {
        double best = 0;
        for (String line : cpuinfo.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("cpu MHz")) {
                try {
                    best = Math.max(best, Double.parseDouble(line.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    // a malformed line: skip it
                }
            }
        }
        return best > 0 ? OptionalDouble.of(best / 1000) : OptionalDouble.empty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
