package dev.sinapsis.bench;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.cpu.Parallel;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A quick timer without JMH, printing exactly one JSON line on standard output:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.sinapsis.bench.Quick gemm 1024 [--mode java|nd4j] [--reps N]
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.sinapsis.bench.Quick add 16777216 [--reps N]
 * </pre>
 *
 * <p>{@code gemm n}: square F32 {@code n x n} matmul, {@code gflops = 2 n^3 / seconds_best / 1e9}.
 * {@code add n}: {@code out = a + b} over {@code n} F32 values,
 * {@code gbps = 12 n / seconds_best / 1e9} (two reads and one write of 4 bytes each).
 * It warms up (at least 3 calls and at least 2 seconds), then times {@code --reps} calls
 * (default 5 for gemm, 10 for add) with {@link System#nanoTime} and reports the best.
 * Threads: {@code -Dsinapsis.cpu.threads=N}. Bad arguments: one line on stderr, exit code 2;
 * a failure while running (e.g. ND4J cannot load): one line on stderr, exit code 1.
 */
public final class Quick {
    static final String USAGE = "usage: Quick gemm N [--mode java|nd4j] [--reps R] | Quick add N [--reps R]";

    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final int WARMUP_MIN_CALLS = 3;

    private Quick() {
    }

    /** Bad command-line arguments; the message is the one line printed. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed arguments. */
    record Args(String bench, int n, Impl impl, int reps) {
    }

    public static void main(String[] argv) {
        Args args;
        try {
            args = parse(argv);
        } catch (UsageException e) {
            System.err.println("Quick: " + e.getMessage() + " (" + USAGE + ")");
            System.exit(2);
            return;
        }
        // Libraries (ND4J, JavaCPP) may print to System.out: keep stdout for the one JSON line.
        PrintStream stdout = System.out;
        System.setOut(System.err);
        String json;
        try {
            json = run(args);
        } catch (Throwable t) {
            System.err.println("Quick: " + args.bench() + " " + args.n() + " (" + args.impl().label()
                    + ") failed: " + describe(t));
            System.exit(1);
            return;
        }
        stdout.println(json);
        stdout.flush();
        System.exit(0);
    }

    static Args parse(String[] argv) throws UsageException {
        if (argv.length < 2) {
            throw new UsageException(argv.length == 0 ? "missing benchmark and size" : "missing size");
        }
        String bench = argv[0].toLowerCase(Locale.ROOT);
        if (!bench.equals("gemm") && !bench.equals("add")) {
            throw new UsageException("unknown benchmark '" + argv[0] + "', expected gemm or add");
        }
        int n = positiveInt(argv[1], "size");
        if (bench.equals("gemm") && (long) n * n > Integer.MAX_VALUE) {
            throw new UsageException("gemm size " + n + " too large: n*n must fit in an int (n <= 46340)");
        }
        Impl impl = Impl.JAVA;
        int reps = bench.equals("gemm") ? 5 : 10;
        for (int i = 2; i < argv.length; i++) {
            String opt = argv[i];
            String value;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                value = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            } else if (opt.equals("--mode") || opt.equals("--reps")) {
                if (i + 1 >= argv.length) {
                    throw new UsageException("option " + opt + " needs a value");
                }
                value = argv[++i];
            } else {
                throw new UsageException("unknown argument '" + opt + "'");
            }
            switch (opt) {
                case "--mode" -> {
                    if (!bench.equals("gemm")) {
                        throw new UsageException("--mode applies to gemm only");
                    }
                    impl = Impl.parse(value);
                    if (impl == null) {
                        throw new UsageException("unknown mode '" + value + "', expected java or nd4j");
                    }
                }
                case "--reps" -> reps = positiveInt(value, "--reps");
                default -> throw new UsageException("unknown option '" + opt + "'");
            }
        }
        return new Args(bench, n, impl, reps);
    }

    private static int positiveInt(String s, String what) throws UsageException {
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a positive integer, got '" + s + "'");
        }
        if (v <= 0) {
            throw new UsageException(what + " must be a positive integer, got " + v);
        }
        return v;
    }

    static String run(Args args) {
        Backend backend = args.impl().newBackend();
        try (Operands ops = new Operands(backend, 42)) {
            Runnable call;
            double workPerCall;
            String metric;
            int n = args.n();
            if (args.bench().equals("gemm")) {
                View a = ops.random(n, n);
                View b = ops.random(n, n);
                View out = ops.output(n, n);
                call = () -> backend.matmul(out, a, b);
                workPerCall = 2.0 * n * n * (double) n / 1e9;
                metric = "gflops";
            } else {
                View a = ops.random(n);
                View b = ops.random(n);
                View out = ops.output(n);
                call = () -> backend.binary(BinaryOp.ADD, out, a, b);
                workPerCall = 3.0 * Float.BYTES * n / 1e9;
                metric = "gbps";
            }
            long start = System.nanoTime();
            // by time, not by calls: 200 calls of a 256³ product (the old cap) are 25 ms, and C2 had
            // not finished compiling the kernel (half the warm figure)
            for (int i = 0; i < WARMUP_MIN_CALLS || System.nanoTime() - start < WARMUP_NANOS; i++) {
                call.run();
            }
            long best = Long.MAX_VALUE;
            for (int r = 0; r < args.reps(); r++) {
                long t0 = System.nanoTime();
                call.run();
                best = Math.min(best, System.nanoTime() - t0);
            }
            double seconds = Math.max(best, 1) / 1e9;
            return String.format(Locale.ROOT,
                    "{\"bench\":\"%s\",\"impl\":\"%s\",\"n\":%d,\"threads\":%d,\"reps\":%d,"
                            + "\"seconds_best\":%s,\"%s\":%.3f}",
                    args.bench(), args.impl().label(), n, Parallel.threads(), args.reps(),
                    Double.toString(seconds), metric, workPerCall / seconds);
        }
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- caused by ");
            }
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                sb.append(": ").append(c.getMessage().replace('\n', ' '));
            }
        }
        return sb.toString();
    }
}
