package dev.sinapsis.bench;

/**
 * The warm-up both training timers share with {@code train_throughput.py}: at least {@code minSteps}
 * steps and at least {@link #MILLIS} ms ({@code -Dsinapsis.bench.warmupMs}, default 2000). A fixed
 * step count left the JIT compiling: 20 warm-up steps of {@code cnn} timed the next 60 at 21–22 ms
 * against 17–18 ms after two seconds, while PyTorch, compiled ahead of time, is warm after a few
 * steps. A training run lasts minutes, so its steady state is what a user sees.
 */
final class Warmup {
    /** The least warm-up time, in milliseconds. */
    static final long MILLIS = Long.getLong("sinapsis.bench.warmupMs", 2000);

    private Warmup() {
    }

    /** Runs {@code step} until both {@code minSteps} steps and {@link #MILLIS} ms are done. */
    static void run(int minSteps, Runnable step) {
        long until = System.nanoTime() + MILLIS * 1_000_000;
        for (int s = 0; s < minSteps || System.nanoTime() < until; s++) {
            step.run();
        }
    }
}
