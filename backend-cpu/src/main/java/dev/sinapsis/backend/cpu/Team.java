package dev.sinapsis.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Parallel}'s worker threads: one job at a time, its chunks claimed by whoever comes first.
 * Idle workers spin for a while, then park; the caller unparks only the parked ones. (A worker
 * announces {@code parked} before checking for work one last time, and the caller publishes the
 * work before reading {@code parked}: with both volatile, one of them always sees the other.)
 */
final class Team {
    private final Worker[] workers;
    private final long spinNanos;
    /** Held by the thread whose job runs; a second caller, or a nested range, runs alone. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job;
    private volatile int epoch;

    Team(int size, long spinNanos) {
        this.spinNanos = spinNanos;
        workers = new Worker[size];
        for (int i = 0; i < size; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    /** Runs {@code body} over {@code [0, n)} in {@code chunks} chunks; false if the team is taken. */
    boolean run(int n, int chunks, Parallel.RangeBody body) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Job j = new Job(n, chunks, body);
            job = j;
            epoch = epoch + 1; // only the thread holding busy writes it
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            j.work();
            j.awaitDone();
            job = null;
            j.rethrow();
        } finally {
            busy.set(false);
        }
        return true;
    }

    /** The first index of chunk {@code c} of {@code chunks} over {@code [0, n)}. */
    static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /** One range split into chunks, and what came of them. */
    private static final class Job {
        private final int n;
        private final int chunks;
        private final Parallel.RangeBody body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable error;

        Job(int n, int chunks, Parallel.RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void awaitDone() {
            int spins = 0;
            while (done.get() < chunks) {
                // a chunk taken by a worker the OS has descheduled: stop burning the core it needs
                if (++spins < 20_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable t = error;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("sinapsis-cpu-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = epoch;
            while (true) {
                long idleSince = System.nanoTime();
                int spins = 0;
                while (epoch == seen) {
                    if ((++spins & 63) != 0 || System.nanoTime() - idleSince < spinNanos) {
                        Thread.onSpinWait();
                        continue;
                    }
                    parked = true;
                    if (epoch == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
                seen = epoch;
                Job j = job;
                if (j != null) {
                    j.work();
                }
            }
        }
    }
}
