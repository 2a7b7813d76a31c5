package dev.sinapsis.cli;

import dev.sinapsis.tensor.DType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU's arithmetic peak as this JVM reaches it: sixteen independent chains of vector FMAs
 * (the JVM's preferred species) on each of the CPU backend's threads at once, best of a few runs.
 *
 * <p>Why measure rather than multiply out the specification: a VM or a container shows the
 * nominal clock in {@code /proc/cpuinfo} (2.1 GHz on a 2-core AMD EPYC VM whose cores run near
 * 3.2 GHz under load, where the formula's "peak" was 268 GFLOP/s and the GEMM reached 105 % of
 * it), and "two FMA units per core" is wrong for cores that split a 512-bit FMA in two. Sixteen
 * chains hide the FMA latency of every current x86 and ARM core, so the loop is bound by FMA
 * throughput alone. It runs for {@link #RUN_NANOS} a run, after a warm-up that lets C2 compile it,
 * and a run counts only if every thread had its core for it (CPU time at least 97 % of wall time):
 * at a program's start C2 takes one of two cores for a second or more, which read as 60-70 % of
 * the peak.
 */
final class FmaPeak {
    /** Chains per thread: more than FMA latency times FMA units on any current core. */
    static final int CHAINS = 16;
    private static final long RUN_NANOS = 60_000_000L;
    private static final int RUNS = 3;
    private static final long MAX_WARMUP_NANOS = 10_000_000_000L;

    private FmaPeak() {
    }

    /** What was measured, and how, for the legend. */
    record Result(double gflops, String how) {
    }

    /**
     * Measures {@code dtype}'s FMA peak on {@code threads} threads at once; empty when the Vector
     * API is not in this JVM (run without {@code --add-modules jdk.incubator.vector}).
     */
    static Optional<Result> measure(DType dtype, int threads) {
        int lanes;
        try {
            lanes = dtype == DType.F64 ? DoubleVector.SPECIES_PREFERRED.length() : FloatVector.SPECIES_PREFERRED.length();
        } catch (LinkageError e) {
            return Optional.empty();
        }
        // warm up until C2 has compiled the loop (interpreted or from C1 the vectors are boxed, a
        // thousand times slower): runs of at least a quarter of RUN_NANOS, the count doubled while
        // shorter, until three runs in a row are no more than 2 % faster than the best so far
        long iterations = 1 << 10;
        double rate = 0;
        int stale = 0;
        long deadline = System.nanoTime() + MAX_WARMUP_NANOS;
        while (stale < 3 && System.nanoTime() < deadline) {
            long[] run = timed(dtype, iterations);
            if (run[0] < RUN_NANOS / 4) {
                iterations *= 2;
                continue;
            }
            if (!undisturbed(run)) {
                continue;
            }
            double r = (double) iterations / run[0];
            if (r > rate * 1.02) {
                rate = r;
                stale = 0;
            } else {
                stale++;
            }
        }
        long perRun = Math.max(1, (long) (rate * RUN_NANOS));
        double best = 0;
        for (int counted = 0; counted < RUNS; ) {
            long[][] runs = runTogether(dtype, perRun, threads);
            boolean late = System.nanoTime() >= deadline;
            if (late || Arrays.stream(runs).allMatch(FmaPeak::undisturbed)) {
                long wall = Arrays.stream(runs).mapToLong(r -> r[0]).max().orElse(1);
                best = Math.max(best, (double) threads * perRun * CHAINS * lanes * 2 / wall);
                counted++;
            }
        }
        String how = String.format(Locale.ROOT, "measured: %d independent FMA chains of %d-lane %s vectors on each of %d"
                        + " thread%s at once, best of %d runs of about %d ms",
                CHAINS, lanes, dtype.name().toLowerCase(Locale.ROOT), threads, threads == 1 ? "" : "s", RUNS,
                RUN_NANOS / 1_000_000);
        return Optional.of(new Result(best, how));
    }

    /** Whether a thread had its core for (nearly) the whole run: its CPU time at least 97 % of its wall time. */
    private static boolean undisturbed(long[] wallAndCpu) {
        return wallAndCpu[1] < 0 || wallAndCpu[1] >= 0.97 * wallAndCpu[0];
    }

    /** The chains on this thread: {wall ns, CPU ns (-1 when the JVM cannot tell)}. */
    private static long[] timed(DType dtype, long iterations) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        long c0 = cpu ? mx.getCurrentThreadCpuTime() : -1;
        long t0 = System.nanoTime();
        chains(dtype, iterations);
        long wall = Math.max(1, System.nanoTime() - t0);
        return new long[] {wall, cpu ? mx.getCurrentThreadCpuTime() - c0 : -1};
    }

    /** Each of {@code threads} threads' {@link #timed} run, started together. */
    private static long[][] runTogether(DType dtype, long iterations, int threads) {
        CyclicBarrier start = new CyclicBarrier(threads);
        long[][] runs = new long[threads][];
        Thread[] workers = new Thread[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            int slot = t + 1;
            workers[t] = new Thread(() -> {
                await(start);
                runs[slot] = timed(dtype, iterations);
            }, "sinapsis-fma-peak-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        await(start);
        runs[0] = timed(dtype, iterations);
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the FMA peak", e);
            }
        }
        return runs;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("the FMA peak's threads could not start together", e);
        }
    }

    /** Runs the chains; the returned sum keeps C2 from dropping them. */
    static double chains(DType dtype, long iterations) {
        return dtype == DType.F64 ? doubleChains(iterations) : floatChains(iterations);
    }

    private static float floatChains(long iterations) {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        // c = 0.5 c + 0.5 stays near 1: no overflow, no subnormals
        FloatVector a = FloatVector.broadcast(s, 0.5f);
        FloatVector c0 = FloatVector.broadcast(s, 1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        FloatVector c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, a); c1 = c1.fma(a, a); c2 = c2.fma(a, a); c3 = c3.fma(a, a);
            c4 = c4.fma(a, a); c5 = c5.fma(a, a); c6 = c6.fma(a, a); c7 = c7.fma(a, a);
            c8 = c8.fma(a, a); c9 = c9.fma(a, a); c10 = c10.fma(a, a); c11 = c11.fma(a, a);
            c12 = c12.fma(a, a); c13 = c13.fma(a, a); c14 = c14.fma(a, a); c15 = c15.fma(a, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }

    private static double doubleChains(long iterations) {
        VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        DoubleVector a = DoubleVector.broadcast(s, 0.5);
        DoubleVector c0 = DoubleVector.broadcast(s, 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        DoubleVector c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0, c14 = c0, c15 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, a); c1 = c1.fma(a, a); c2 = c2.fma(a, a); c3 = c3.fma(a, a);
            c4 = c4.fma(a, a); c5 = c5.fma(a, a); c6 = c6.fma(a, a); c7 = c7.fma(a, a);
            c8 = c8.fma(a, a); c9 = c9.fma(a, a); c10 = c10.fma(a, a); c11 = c11.fma(a, a);
            c12 = c12.fma(a, a); c13 = c13.fma(a, a); c14 = c14.fma(a, a); c15 = c15.fma(a, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }
}
