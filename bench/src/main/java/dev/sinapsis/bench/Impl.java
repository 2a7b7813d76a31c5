package dev.sinapsis.bench;

import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.backend.cpu.gemm.Nd4jMode;
import java.util.Locale;

/**
 * Which CPU GEMM path a benchmark measures: the pure-Java kernels ({@link Nd4jMode#OFF}) or the
 * ND4J/OpenBLAS fast path ({@link Nd4jMode#ON}).
 */
public enum Impl {
    /** Pure-Java SGEMM (Vector API), ND4J disabled. */
    JAVA(Nd4jMode.OFF),
    /** ND4J (OpenBLAS) forced on. */
    ND4J(Nd4jMode.ON);

    private final Nd4jMode nd4jMode;

    Impl(Nd4jMode nd4jMode) {
        this.nd4jMode = nd4jMode;
    }

    /** The backend's ND4J setting for this path. */
    public Nd4jMode nd4jMode() {
        return nd4jMode;
    }

    /** A new CPU backend running this path. */
    public CpuBackend newBackend() {
        return new CpuBackend(nd4jMode);
    }

    /** The name printed in results, e.g. {@code sinapsis-java}. */
    public String label() {
        return "sinapsis-" + name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code java} or {@code nd4j} (any case); null when it is neither. */
    public static Impl parse(String s) {
        for (Impl i : values()) {
            if (i.name().equalsIgnoreCase(s.trim())) {
                return i;
            }
        }
        return null;
    }
}
