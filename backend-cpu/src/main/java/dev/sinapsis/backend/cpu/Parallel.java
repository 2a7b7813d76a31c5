package dev.sinapsis.backend.cpu;

/**
 * The CPU backend's one shared worker team. Work below a grain size stays on the calling thread;
 * larger ranges are split into one chunk per thread, which the caller and the team's workers
 * claim as they come, the caller included, so a worker late to wake never holds the caller up.
 *
 * <p>Why not a {@code ForkJoinPool}: its idle workers park at once, and waking one took a median
 * of 65 µs on a 2-core VM, as much as a whole 256³ GEMM's half. A training step runs hundreds of
 * parallel ops, each one paying it. The team's workers instead spin for {@link #SPIN_NANOS} after
 * each job (a training step's ops follow each other by microseconds), then park.
 *
 * <p>The team size is {@code -Dsinapsis.cpu.threads=N}, default the number of available
 * processors (the caller plus {@code N - 1} workers); {@code -Dsinapsis.cpu.spinMicros=S} sets the
 * spin (default 200; 0 parks at once). A range started from inside a running range, or while
 * another thread holds the team, runs its chunks one after the other on its calling thread: the
 * chunks of a range never depend on timing, so neither do results summed per chunk.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1, Integer.getInteger("sinapsis.cpu.threads",
            Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker spins before it parks. */
    static final long SPIN_NANOS = Math.max(0, Long.getLong("sinapsis.cpu.spinMicros", 200)) * 1_000;
    /** Elementary operations below which splitting costs more than it gains. */
    public static final long MIN_WORK = 32_768;

    private static final Team TEAM = THREADS > 1 ? new Team(THREADS - 1, SPIN_NANOS) : null;

    private Parallel() {
    }

    /** A body over the half-open index range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Number of threads a range may run on (the caller included). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split across cores when {@code n * costPerItem}
     * is at least {@code minWork} (roughly: elementary operations worth a thread hand-off).
     * An exception thrown by any chunk is rethrown here once every chunk has ended.
     */
    public static void forRange(int n, long costPerItem, RangeBody body) {
        long work = (long) n * Math.max(1, costPerItem);
        int chunks = (int) Math.min(THREADS, Math.max(1, work / MIN_WORK));
        forChunks(n, chunks, body);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in exactly {@code min(chunks, n)} chunks, which the
     * team's threads claim as they come: more chunks than threads let a thread that started late
     * (a worker the OS had descheduled) take fewer of them instead of holding the others up.
     * The chunk boundaries depend only on {@code n} and {@code chunks}, never on timing.
     */
    public static void forChunks(int n, int chunks, RangeBody body) {
        chunks = Math.max(1, Math.min(chunks, n));
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
        } else if (TEAM == null || !TEAM.run(n, chunks, body)) {
            // the same chunks, one after the other: a body's per-chunk partial results (reductions,
            // weight gradients) must not depend on whether the team was free
            for (int c = 0; c < chunks; c++) {
                body.run(Team.chunkStart(n, chunks, c), Team.chunkStart(n, chunks, c + 1));
            }
        }
    }
}
