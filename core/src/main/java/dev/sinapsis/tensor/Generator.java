package dev.sinapsis.tensor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded source of random tensors: a Philox key (the seed) and a counter offset that every
 * fill advances by its element count, so successive fills never reuse numbers.
 * Thread-safe; the same seed gives the same sequence of tensors on every backend.
 */
public final class Generator {
    /** Seed of the process-wide generator until {@link Tensor#manualSeed} changes it. */
    public static final long DEFAULT_SEED = 0x5EED_5EEDL;

    private static volatile Generator global = new Generator(DEFAULT_SEED);

    private final long seed;
    private final AtomicLong offset = new AtomicLong();

    /** A generator at the start of the stream for {@code seed}. */
    public Generator(long seed) {
        this.seed = seed;
    }

    /** The process-wide generator used when no generator is given. */
    public static Generator global() {
        return global;
    }

    /** Replaces the process-wide generator by a fresh one for {@code seed}. */
    public static void setGlobalSeed(long seed) {
        global = new Generator(seed);
    }

    /** The seed (Philox key). */
    public long seed() {
        return seed;
    }

    /** The counter offset the next fill starts at. */
    public long offset() {
        return offset.get();
    }

    /** Reserves {@code n} counters and returns the first. */
    public long reserve(long n) {
        return offset.getAndAdd(n);
    }
}
