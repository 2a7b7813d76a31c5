package dev.sinapsis.cli;

import java.util.Arrays;

/**
 * Times one benchmark call the way {@code sinapsis bench} reports it: a warm-up (at least
 * {@link #MIN_WARMUP_CALLS} calls, then more until {@code warmupNanos} have passed, at most
 * {@link #MAX_WARMUP_CALLS}), then {@code reps} calls timed one by one; the result is their median.
 * Each call must wait for its result (the workloads read an element back), so asynchronous
 * devices are timed to completion.
 */
final class BenchTimer {
    static final int MIN_WARMUP_CALLS = 3;
    static final int MAX_WARMUP_CALLS = 200;

    private BenchTimer() {
    }

    /** The median time of one call, in milliseconds. */
    static double medianMillis(Runnable call, int reps, long warmupNanos) {
        long start = System.nanoTime();
        for (int i = 0; i < MAX_WARMUP_CALLS; i++) {
            call.run();
            if (i + 1 >= MIN_WARMUP_CALLS && System.nanoTime() - start >= warmupNanos) {
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
