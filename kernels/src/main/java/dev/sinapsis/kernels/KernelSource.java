package dev.sinapsis.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The kernel texts: resources {@code dev/sinapsis/kernels/*.c} (and the preludes), each read once. */
public final class KernelSource {
    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private KernelSource() {
    }

    /** The text of resource {@code name} (e.g. {@code "gemm.c"}). */
    public static String text(String name) {
        return TEXTS.computeIfAbsent(name, KernelSource::load);
    }

    private static String load(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no kernel source " + name + " next to " + KernelSource.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading kernel source " + name, e);
        }
    }
}
