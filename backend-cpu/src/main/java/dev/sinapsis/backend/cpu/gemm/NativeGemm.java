package dev.sinapsis.backend.cpu.gemm;

/**
 * A native GEMM library that large products may be sent to, found with {@link java.util.ServiceLoader}.
 * The pure-Java backend needs none; the module {@code sinapsis-backend-cpu-nd4j} provides ND4J's
 * OpenBLAS through this interface, so an application that does not depend on it carries no native jar.
 */
public interface NativeGemm {
    /** A short name for messages, such as {@code "ND4J (OpenBLAS)"}. */
    String name();

    /**
     * Loads the native library once (later calls return the first answer). Returns null when it
     * works, otherwise why not; never throws.
     */
    String load();

    /** {@code c = a·b} for F32 or F64 matrices (as their arrays say); only called after {@link #load()} returned null. */
    void gemm(Matrix a, Matrix b, Matrix c);
}
