package dev.sinapsis.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Times one benchmark call the way {@code sinapsis bench} reports it: a warm-up, then {@code reps}
 * calls timed one by one; the result is their median. The warm-up runs at least
 * {@link #MIN_WARMUP_CALLS} calls and {@code warmupNanos}, then goes on while the JIT is still
 * making the call faster (the median of the last {@link #WINDOW} calls more than 5% below that of
 * the {@link #WINDOW} before), up to {@link #MAX_WARMUP_NANOS}: half a second was measured to
 * leave an MLP training step at 6x its steady time. It also goes on
 * while the JIT compiles for more than {@link #JIT_SHARE} of the time in a stretch of
 * {@link #JIT_STRETCH_NANOS}: on two CPUs a compiler thread at work takes one from the backend's
 * worker, and an MLP step timed after two seconds read 5.6-7.2 ms, steady calls and all, against
 * 0.9 ms once C2 was done (as {@code bench}'s {@code Warmup}). Each call must wait for its result
 * (the workloads read an element back), so asynchronous devices are timed to completion.
 */
final class BenchTimer {
    static final int MIN_WARMUP_CALLS = 3;
    static final long MAX_WARMUP_NANOS = 30_000_000_000L;
    /** The share of a stretch's time the JIT may spend compiling for the warm-up to end. */
    static final double JIT_SHARE = 0.01;
    /** How long a stretch of the JIT test lasts (its clock counts whole milliseconds). */
    static final long JIT_STRETCH_NANOS = 250_000_000L;
    /** Calls per window of the steadiness test. */
    static final int WINDOW = 8;

    private BenchTimer() {
    }

    /** The median time of one call, in milliseconds. */
    static double medianMillis(Runnable call, int reps, long warmupNanos) {
        long start = System.nanoTime();
        double[] recent = new double[2 * WINDOW];
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long stretchStart = start;
        long stretchJitMs = timed ? jit.getTotalCompilationTime() : 0;
        boolean jitQuiet = !timed;
        for (int calls = 1; ; calls++) {
            long t0 = System.nanoTime();
            call.run();
            long now = System.nanoTime();
            recent[(calls - 1) % recent.length] = (now - t0) / 1e6;
            if (timed && now - stretchStart >= JIT_STRETCH_NANOS) {
                long jitMs = jit.getTotalCompilationTime();
                jitQuiet = jitQuiet(jitMs - stretchJitMs, now - stretchStart);
                stretchStart = now;
                stretchJitMs = jitMs;
            }
            if (calls < MIN_WARMUP_CALLS || now - start < warmupNanos) {
                continue;
            }
            if (warmupNanos == 0 || now - start >= MAX_WARMUP_NANOS
                    || jitQuiet && calls >= 2 * WINDOW && steady(recent, calls)) {
                break;
            }
        }
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            call.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        return median(ms);
    }

    /** True when {@code jitMillis} of compiling in a stretch of {@code stretchNanos} is at most {@link #JIT_SHARE} of it. */
    static boolean jitQuiet(long jitMillis, long stretchNanos) {
        return jitMillis * 1e6 <= JIT_SHARE * stretchNanos;
    }

    /**
     * True when the newest {@link #WINDOW} of the last {@code 2 * WINDOW} times (a ring buffer
     * after {@code calls} calls) are no more than 5% faster than the window before them.
     */
    static boolean steady(double[] ring, int calls) {
        double[] older = new double[WINDOW];
        double[] newer = new double[WINDOW];
        for (int k = 0; k < WINDOW; k++) {
            older[k] = ring[(calls - 2 * WINDOW + k) % ring.length];
            newer[k] = ring[(calls - WINDOW + k) % ring.length];
        }
        return median(newer) >= 0.95 * median(older);
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}
