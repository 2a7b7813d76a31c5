package dev.sinapsis.backend.cpu.novector;

import dev.sinapsis.backend.cpu.CpuBackend;
import dev.sinapsis.tensor.Tensor;

/**
 * Run in a child JVM without {@code --add-modules jdk.incubator.vector}: prints what a library
 * user gets from the first tensor operation and from creating the CPU backend directly.
 */
public final class NoVectorProbe {
    private NoVectorProbe() {
    }

    public static void main(String[] args) {
        report("tensor", () -> {
            // large enough for the vectorised kernels (a 2-element add would run scalar code)
            try (Tensor t = Tensor.of(new float[128 * 128], 128, 128)) {
                t.add(t).close();
                t.matmul(t).close();
                t.relu().close();
            }
        });
        report("constructor", CpuBackend::new);
    }

    private static void report(String what, Runnable r) {
        try {
            r.run();
            System.out.println(what + " ran");
        } catch (Throwable t) {
            System.out.println(what + " threw " + t.getClass().getName() + ": " + t.getMessage());
        }
    }
}
