package dev.sinapsis.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The warm-up both training timers share with {@code train_throughput.py}: at least {@code minSteps}
 * steps and at least {@link #MILLIS} ms ({@code -Dsinapsis.bench.warmupMs}, default 2000), then
 * blocks of {@code max(3, minSteps)} steps for as long as a block is more than 5 % faster than the
 * one before, up to {@link #MAX_MILLIS} ms in all. A fixed step count left the JIT compiling: 20
 * warm-up steps of {@code cnn} timed the next 60 at 21–22 ms against 17–18 ms after two seconds;
 * and two seconds were not enough for the LSTM, whose long per-thread loops C2 compiles late
 * (10 steps after 2 s: 107–114 ms; after 6 s: 82–86 ms, as 40 steps after 2 s). PyTorch, compiled
 * ahead of time, meets the same rule and stops at its minimum. A training run lasts minutes, so its
 * steady state is what a user sees.
 *
 * <p>The warm-up also goes on while the JIT is still busy: while it compiled for more than
 * {@link #JIT_SHARE} of a block's time. With two threads on two CPUs, a compiler thread still at
 * work takes a CPU from the team's worker, and the caller waits for the worker's share: `mlp` at
 * two threads still had C2 compiling its GEMM kernels three seconds in, and timed 1.4-2.1 ms a step
 * after the old rule against 0.75-1.3 ms once the compiler was done. Steps that no longer get faster
 * alone do not show it, as the compiler's share moves from block to block.
 */
final class Warmup {
    /** The least warm-up time, in milliseconds. */
    static final long MILLIS = Long.getLong("sinapsis.bench.warmupMs", 2000);
    /** The most warm-up time while steps still get faster, in milliseconds. */
    static final long MAX_MILLIS = 30_000;
    /** A block must be this much faster than the one before for the warm-up to go on. */
    static final double STILL_FASTER = 0.95;
    /** The share of a block's time the JIT may spend compiling for the warm-up to end. */
    static final double JIT_SHARE = 0.01;

    private Warmup() {
    }

    /** Runs {@code step} as the class comment says. */
    static void run(int minSteps, Runnable step) {
        long start = System.nanoTime();
        long until = start + MILLIS * 1_000_000;
        for (int s = 0; s < minSteps || System.nanoTime() < until; s++) {
            step.run();
        }
        int block = Math.max(3, minSteps);
        double previous = Double.MAX_VALUE;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        while (System.nanoTime() - start < MAX_MILLIS * 1_000_000) {
            long compiled = timed ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            for (int s = 0; s < block; s++) {
                step.run();
            }
            long took = System.nanoTime() - t0;
            double perStep = took / (double) block;
            boolean jitBusy = timed && (jit.getTotalCompilationTime() - compiled) * 1e6 > JIT_SHARE * took;
            if (perStep > previous * STILL_FASTER && !jitBusy) {
                return;
            }
            previous = perStep;
        }
    }
}
