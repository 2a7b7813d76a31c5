package dev.sinapsis.backend.cpu.gemm;

import java.util.Locale;

/**
 * Whether GEMMs go to ND4J (OpenBLAS), chosen with {@code -Dsinapsis.cpu.nd4j=auto|on|off}.
 */
public enum Nd4jMode {
    /**
     * The Java GEMM for every product: it measured faster than ND4J at every size in F32 and F64
     * (see {@link MatmulEngine}), so ND4J is not even loaded.
     */
    AUTO,
    /** Use ND4J for every F32/F64 product; fail if its native library does not load. */
    ON,
    /** Never use ND4J (today the same as {@link #AUTO}). */
    OFF;

    /** The system property that selects the mode. */
    public static final String PROPERTY = "sinapsis.cpu.nd4j";

    /** The mode named by {@link #PROPERTY} (default {@link #AUTO}), or an error naming the valid values. */
    public static Nd4jMode fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, "auto"));
    }

    /** Parses {@code auto}, {@code on} or {@code off} (any case). */
    public static Nd4jMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text
                    + " is not a mode: use auto, on or off");
        }
    }
}
