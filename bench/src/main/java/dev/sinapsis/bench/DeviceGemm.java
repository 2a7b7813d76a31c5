package dev.sinapsis.bench;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cuda.CudaBackend;
import dev.sinapsis.backend.opencl.OpenClBackend;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Square F32 GEMM throughput on any backend, device backends included, printing one JSON line:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... dev.sinapsis.bench.DeviceGemm cuda 4096 [reps]
 * java ... -Dsinapsis.cuda.gemm=tiled|cublas ... DeviceGemm cuda 4096
 * </pre>
 *
 * <p>Each timed call is the product and a wait for the device ({@code finish()} on CUDA and
 * OpenCL), so asynchronous launches are not mistaken for finished work; {@code gflops =
 * 2 n^3 / seconds_best / 1e9}. It warms up (at least 3 calls, up to about 2 seconds), then takes
 * the best of {@code reps} (default 5). Failures: one line on stderr, exit code 1.
 */
public final class DeviceGemm {
    private DeviceGemm() {
    }

    public static void main(String[] argv) {
        if (argv.length < 2 || !argv[1].matches("[1-9]\\d*") || (argv.length > 2 && !argv[2].matches("[1-9]\\d*"))) {
            System.err.println("usage: DeviceGemm BACKEND N [REPS]");
            System.exit(2);
        }
        PrintStream stdout = System.out;
        System.setOut(System.err); // stdout carries the one JSON line
        try {
            stdout.println(run(argv[0], Integer.parseInt(argv[1]), argv.length > 2 ? Integer.parseInt(argv[2]) : 5));
        } catch (RuntimeException | LinkageError e) {
            System.err.println("DeviceGemm: " + argv[0] + " " + argv[1] + " failed: " + e.getMessage());
            System.exit(1);
        }
        stdout.flush();
        System.exit(0);
    }

    static String run(String name, int n, int reps) {
        Backend backend = Backends.get(name);
        Runnable sync = () -> {
            if (backend instanceof CudaBackend c) {
                c.finish();
            } else if (backend instanceof OpenClBackend o) {
                o.finish();
            }
        };
        try (Operands ops = new Operands(backend, 42)) {
            View a = ops.random(n, n);
            View b = ops.random(n, n);
            View out = ops.output(n, n);
            Runnable call = () -> {
                backend.matmul(out, a, b);
                sync.run();
            };
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                call.run();
                if (i >= 2 && System.nanoTime() - start > 2_000_000_000L) {
                    break;
                }
            }
            long best = Long.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                call.run();
                best = Math.min(best, System.nanoTime() - t0);
            }
            double seconds = Math.max(best, 1) / 1e9;
            String gemm = backend.description().replaceAll("(?s).*GEMM: ([^\\n(,]*).*", "$1").trim();
            return String.format(Locale.ROOT, "{\"bench\":\"gemm\",\"backend\":\"%s\",\"gemm\":\"%s\",\"n\":%d,"
                            + "\"reps\":%d,\"seconds_best\":%s,\"gflops\":%.1f}",
                    name, gemm.replace("\"", "'"), n, reps, Double.toString(seconds), 2.0 * n * n * (double) n / 1e9 / seconds);
        }
    }
}
