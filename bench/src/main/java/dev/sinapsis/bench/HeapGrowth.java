package dev.sinapsis.bench;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the Java heap grows over a training loop: the XOR network of the backend suite's
 * memory test, trained by SGD for {@code steps} steps on the chosen backend, with the settled
 * heap and a class histogram before and after; prints the classes whose live bytes grew most.
 * A diagnostic for a backend that fails the suite's flat-memory test on one machine only:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... dev.sinapsis.bench.HeapGrowth opencl [STEPS]
 * </pre>
 */
public final class HeapGrowth {
    private HeapGrowth() {
    }

    public static void main(String[] argv) throws Exception {
        String backend = argv.length > 0 ? argv[0] : "cpu";
        int steps = argv.length > 1 ? Integer.parseInt(argv[1]) : 9_500;
        Backends.use(backend);
        Generator g = new Generator(7);
        Tensor w1 = Tensor.randn(g, 2, 8).mul(0.7).requiresGrad(true);
        Tensor b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.randn(g, 8, 1).mul(0.7).requiresGrad(true);
        Tensor b2 = Tensor.zeros(1).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor t = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
        Runnable step = () -> {
            Tensor loss = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid().sub(t).square().mean();
            loss.backward();
            try (var ignored = Autograd.noGrad()) {
                for (Tensor p : List.of(w1, b1, w2, b2)) {
                    p.addInPlace(p.grad(), -0.5);
                    p.zeroGrad();
                }
            }
        };
        for (int i = 0; i < 500; i++) {
            step.run();
        }
        long before = settled();
        Map<String, long[]> h0 = histogram();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long after = settled();
        Map<String, long[]> h1 = histogram();
        System.out.printf("backend %s: heap %d KiB -> %d KiB (%+d KiB) over %d steps%n", backend, before / 1024,
                after / 1024, (after - before) / 1024, steps);
        h1.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - h0.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - h0.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(25)
                .forEach(e -> System.out.printf("  %+10d bytes %+8d instances  %s%n", e.getValue()[1], e.getValue()[0], e.getKey()));
    }

    private static long settled() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /**
     * Class name to {instances, bytes} of the live objects: {@code jmap -histo:live} of this JVM
     * (the platform MBean's {@code gcClassHistogram} has no operations in a jlink image).
     */
    private static Map<String, long[]> histogram() throws Exception {
        Path jmap = Path.of(System.getProperty("java.home"), "bin", "jmap");
        if (!Files.isExecutable(jmap)) {
            throw new IllegalStateException(jmap + " not found: run on a JDK, or a runtime with the jdk.jcmd module");
        }
        Process p = new ProcessBuilder(jmap.toString(), "-histo:live", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jmap failed: " + text);
        }
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }
}
