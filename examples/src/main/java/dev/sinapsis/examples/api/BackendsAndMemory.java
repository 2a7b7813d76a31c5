package dev.sinapsis.examples.api;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Backends and devices: list the backends on the class path, run code on a chosen one with
 * {@link Backends#using}, move a tensor between backends, and watch a {@link MemoryScope} give
 * its buffers back.
 */
public final class BackendsAndMemory {
    private BackendsAndMemory() {
    }

    /**
     * What the run measured: live buffers on the CPU backend before, inside and after a scope, and
     * the largest difference of a product computed on another backend (NaN when none is available).
     */
    public record Result(long before, long inside, long after, double otherBackendDifference) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints the backends and the memory counts; returns them. */
    public static Result run(PrintStream out) {
        for (BackendProvider p : Backends.providers()) {          // found with ServiceLoader
            Availability a = p.availability();
            out.printf(Locale.ROOT, "backend %-7s priority %3d  %s%n", p.name(), p.priority(),
                    a.available() ? "available" : "not available: " + a.reason());
        }
        Backend cpu = Backends.get("cpu");
        long before;
        long inside;
        long after;
        double difference = Double.NaN;
        try (var onCpu = Backends.using(cpu)) {                     // tensors below are made on the CPU
            before = cpu.memoryStats().liveBuffers();
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor a = Tensor.randn(new Generator(1), 64, 64);
                Tensor b = Tensor.randn(new Generator(2), 64, 64);
                Tensor c = a.matmul(b);
                inside = cpu.memoryStats().liveBuffers();
                out.printf(Locale.ROOT, "cpu: live buffers %d before the scope, %d inside it%n", before, inside);
                Backend other = otherAvailable();
                if (other != null) {
                    // the same product on another device: copy the operands there, copy the result back
                    Tensor onOther = a.to(other).matmul(b.to(other)).to(cpu);
                    difference = onOther.sub(c).abs().max().item();
                    out.printf(Locale.ROOT, "%s (%s): the same 64x64 product differs from the CPU's by at most %.2e%n",
                            other.name(), other.description().lines().findFirst().orElse(""), difference);
                }
            }
            after = cpu.memoryStats().liveBuffers();
            out.printf(Locale.ROOT, "cpu: live buffers %d after the scope closed%n", after);
        }
        return new Result(before, inside, after, difference);
    }

    private static Backend otherAvailable() {
        for (BackendProvider p : Backends.providers()) {
            if (!p.name().equals("cpu") && p.availability().available()) {
                return Backends.get(p.name());
            }
        }
        return null;
    }
}
