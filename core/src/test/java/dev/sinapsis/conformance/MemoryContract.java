package dev.sinapsis.conformance;

import dev.sinapsis.spi.TensorInternals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Storage is reference-counted: closing the last tensor on it releases it; and the backend's own
 * counters ({@link dev.sinapsis.backend.Backend#memoryStats()}) follow every allocation and release
 * exactly, views allocate nothing, and a training loop that closes what it creates stays flat.
 *
 * <p>None of this asks the garbage collector for anything. The collector may still run during a
 * test and release storages that earlier tests dropped without closing (the Cleaner is the safety
 * net): that only ever lowers the counters. Exact before/after comparisons are therefore made
 * over a few attempts, passing on the first undisturbed one, while a miscount fails every attempt;
 * the training loop's per-step check is one-sided (never above the step's start).
 */
public interface MemoryContract {
    /** Attempts of an exact counter comparison before it fails (see the interface comment). */
    int ATTEMPTS = 5;

    private static MemoryStats stats() {
        return Backends.current().memoryStats();
    }

    /** Runs {@code attempt} (null on success, else why not) until it succeeds, at most {@link #ATTEMPTS} times. */
    private static void untilUndisturbed(Supplier<String> attempt) {
        String why = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            why = attempt.get();
            if (why == null) {
                return;
            }
        }
        fail(why + " (in each of " + ATTEMPTS + " attempts)");
    }

    private static String consistent(MemoryStats s) {
        if (s.liveBytes() < 0 || s.liveBuffers() < 0 || s.cachedBytes() < 0 || s.allocations() < 0) {
            return "negative counter: " + s;
        }
        if (s.peakLiveBytes() < s.liveBytes()) {
            return "peak below live: " + s;
        }
        if (s.liveBuffers() > s.allocations()) {
            return "more live buffers than allocations: " + s;
        }
        return null;
    }

    /** A new storage of {@code bytes} raises the counters, closing it returns them. */
    private static void assertCounted(String what, long bytes, Supplier<Tensor> create) {
        untilUndisturbed(() -> {
            MemoryStats before = stats();
            Tensor t = create.get();
            MemoryStats during = stats();
            t.close();
            MemoryStats after = stats();
            for (MemoryStats s : new MemoryStats[] {before, during, after}) {
                String bad = consistent(s);
                if (bad != null) {
                    return what + ": " + bad;
                }
            }
            if (during.liveBuffers() - before.liveBuffers() != 1) {
                return what + ": live buffers went from " + before.liveBuffers() + " to " + during.liveBuffers()
                        + " (expected one more)";
            }
            if (during.liveBytes() - before.liveBytes() < bytes) {
                return what + ": live bytes rose by " + (during.liveBytes() - before.liveBytes()) + ", less than the "
                        + bytes + " bytes of the tensor";
            }
            if (during.peakLiveBytes() < during.liveBytes() || during.allocations() < before.allocations()) {
                return what + ": peak or allocation count went backwards: " + before + " -> " + during;
            }
            if (after.liveBuffers() != before.liveBuffers() || after.liveBytes() != before.liveBytes()) {
                return what + ": close() left " + after + " where the counters were " + before;
            }
            return null;
        });
    }

    @Test
    default void allocationsAndReleasesAreCounted() {
        for (DType d : DType.values()) {
            assertCounted("zeros [1031] " + d, 1031L * d.byteSize(), () -> Tensor.zeros(Shape.of(1031), d));
            assertCounted("full [7,3] " + d, 21L * d.byteSize(), () -> Tensor.full(Shape.of(7, 3), d, 1));
            assertCounted("zeros [0] " + d, 0, () -> Tensor.zeros(Shape.of(0), d));
        }
        assertCounted("uploaded double[37]", 37L * 8, () -> Tensor.of(new double[37], 37));
        assertCounted("uploaded long[5]", 5L * 8, () -> Tensor.of(new long[5], 5));
        try (Tensor a = Tensor.ones(33, 37)) {
            assertCounted("a binary op's output [33,37] F32", 33L * 37 * 4, () -> a.add(a));
            assertCounted("a unary op's output [33,37] F32", 33L * 37 * 4, a::exp);
            assertCounted("a reduction's output [33] F32", 33L * 4, () -> a.sum(new int[] {1}, false));
            try (Tensor at = a.t()) {
                assertCounted("a contiguous copy of a transpose", 33L * 37 * 4, at::contiguous);
            }
        }
    }

    @Test
    default void readingValuesToTheHostLeavesNothingBehind() {
        try (Tensor f32 = Tensor.ones(Shape.of(7, 5), DType.F32); Tensor i64 = Tensor.ones(Shape.of(3), DType.I64);
             Tensor one = Tensor.ones(Shape.of(), DType.F32)) {
            untilUndisturbed(() -> {
                MemoryStats before = stats();
                double item = one.item();
                double[] d = f32.toDoubleArray();
                float[] f = f32.toFloatArray();
                long[] l = f32.toLongArray();
                double[] fromLongs = i64.toDoubleArray();
                MemoryStats after = stats();
                if (item != 1 || d.length != 35 || f.length != 35 || l.length != 35 || fromLongs.length != 3) {
                    return "wrong values read";
                }
                if (after.liveBuffers() != before.liveBuffers() || after.liveBytes() != before.liveBytes()) {
                    return "reading values left storages behind (a converted copy not released): " + before
                            + " -> " + after;
                }
                return null;
            });
        }
    }

    @Test
    default void viewsAllocateNothing() {
        try (Tensor base = Tensor.zeros(Shape.of(6, 4), DType.F32); Tensor row = Tensor.zeros(Shape.of(1, 24), DType.F64)) {
            untilUndisturbed(() -> {
                MemoryStats before = stats();
                List<Tensor> views = new ArrayList<>(List.of(base.t(), base.slice(0, 1, 6, 2), base.reshape(24),
                        base.reshape(2, 3, 4), base.permute(1, 0), base.detach(), base.slice(1, 0, 4, 3),
                        row.expand(5, 24), row.reshape(4, 6)));
                views.add(views.get(6).t());   // views of views
                views.add(views.get(8).t());
                MemoryStats during = stats();
                views.forEach(Tensor::close);
                MemoryStats after = stats();
                if (during.allocations() != before.allocations() || during.liveBuffers() != before.liveBuffers()
                        || during.liveBytes() != before.liveBytes()) {
                    return "views changed the counters: " + before + " -> " + during;
                }
                if (after.liveBuffers() != before.liveBuffers() || after.liveBytes() != before.liveBytes()) {
                    return "closing views changed the counters: " + before + " -> " + after;
                }
                return null;
            });
            assertFalse(TensorInternals.view(base).storage().isReleased(), "closing the views leaves the base alive");
        }
    }

    /**
     * 200 training steps of a 4-8-1 tanh MLP, forward and backward (the gradients written out in
     * tensor ops so that every tensor the step creates, views included, is closed at its end):
     * the live bytes and buffers never end a step above where they started it, and the loss falls.
     * Constants are tensors made once: an op with a {@code double} operand makes a scalar tensor
     * inside the core that user code cannot close (it is left to the Cleaner), and so would the
     * tape's backward, whose intermediate gradients are not the caller's to close either.
     */
    @Test
    default void aTrainingLoopThatClosesWhatItCreatesStaysFlat() {
        Generator g = new Generator(11);
        try (Tensor x = Tensor.normal(g, Shape.of(16, 4), DType.F32, 0, 1);
             Tensor target = Tensor.normal(g, Shape.of(16, 1), DType.F32, 0, 1);
             Tensor w1 = Tensor.normal(g, Shape.of(4, 8), DType.F32, 0, 0.5);
             Tensor b1 = Tensor.zeros(Shape.of(8), DType.F32);
             Tensor w2 = Tensor.normal(g, Shape.of(8, 1), DType.F32, 0, 0.5);
             Tensor b2 = Tensor.zeros(Shape.of(1), DType.F32);
             Tensor one = Tensor.full(Shape.of(), DType.F32, 1);
             Tensor invN = Tensor.full(Shape.of(), DType.F32, 1.0 / 16);
             Tensor twoOverN = Tensor.full(Shape.of(), DType.F32, 2.0 / 16);
             Tensor lr = Tensor.full(Shape.of(), DType.F32, 0.1)) {
            double first = Double.NaN;
            double last = Double.NaN;
            MemoryStats start = stats();
            for (int step = 0; step < 200; step++) {
                MemoryStats before = stats();
                List<Tensor> made = new ArrayList<>();
                Tensor a = track(made, track(made, track(made, x.matmul(w1)).add(b1)).tanh());
                Tensor y = track(made, track(made, a.matmul(w2)).add(b2));
                Tensor diff = track(made, y.sub(target));
                Tensor loss = track(made, track(made, track(made, diff.square()).sum()).mul(invN));
                last = loss.item();
                if (step == 0) {
                    first = last;
                }
                // backward of mean((a w2 + b2 - t)^2) with a = tanh(x w1 + b1)
                Tensor dy = track(made, diff.mul(twoOverN));
                Tensor dw2 = track(made, track(made, a.t()).matmul(dy));
                Tensor db2 = track(made, dy.sum(new int[] {0}, false));
                Tensor da = track(made, dy.matmul(track(made, w2.t())));
                Tensor dh = track(made, da.mul(track(made, one.sub(track(made, a.square())))));
                Tensor dw1 = track(made, track(made, x.t()).matmul(dh));
                Tensor db1 = track(made, dh.sum(new int[] {0}, false));
                Tensor[][] updates = {{w1, dw1}, {b1, db1}, {w2, dw2}, {b2, db2}};
                for (Tensor[] u : updates) {
                    u[0].copyFrom(track(made, u[0].sub(track(made, u[1].mul(lr)))));
                }
                made.forEach(Tensor::close);
                MemoryStats after = stats();
                assertTrue(consistent(after) == null, consistent(after));
                assertTrue(after.liveBuffers() <= before.liveBuffers() && after.liveBytes() <= before.liveBytes(),
                        "step " + step + " ended with " + after + " after starting with " + before);
            }
            MemoryStats end = stats();
            assertTrue(end.liveBytes() <= start.liveBytes() && end.liveBuffers() <= start.liveBuffers(),
                    "200 steps went from " + start + " to " + end);
            assertTrue(last < first / 2, "the MLP learns: loss " + first + " -> " + last);
        }
    }

    private static Tensor track(List<Tensor> made, Tensor t) {
        made.add(t);
        return t;
    }

    @Test
    default void closingReleasesStorage() {
        for (DType d : DType.values()) {
            Tensor t = Tensor.zeros(Shape.of(1031), d);
            Storage s = TensorInternals.view(t).storage();
            assertFalse(s.isReleased());
            t.close();
            assertTrue(s.isReleased(), "closing the only tensor releases its " + d + " storage");
        }
        Tensor computed = Tensor.ones(33, 37).mul(2).add(1).sum(new int[] {1}, false);
        Storage s = TensorInternals.view(computed).storage();
        computed.close();
        assertTrue(s.isReleased(), "an op's output storage is released when closed");
        Tensor up = Tensor.of(new double[] {1, 2, 3});
        Storage us = TensorInternals.view(up).storage();
        up.close();
        assertTrue(us.isReleased(), "uploaded storage is released");
        Tensor empty = Tensor.zeros(0);
        Storage es = TensorInternals.view(empty).storage();
        empty.close();
        assertTrue(es.isReleased(), "even an empty storage");
    }

    @Test
    default void viewsHoldTheirOwnReference() {
        Tensor base = Tensor.zeros(6, 4);
        Storage s = TensorInternals.view(base).storage();
        Tensor a = base.t();
        Tensor b = base.slice(0, 1, 6, 2);
        Tensor c = base.detach();
        base.close();
        assertFalse(s.isReleased(), "views keep the storage alive");
        a.close();
        b.close();
        assertFalse(s.isReleased(), "one view still open");
        c.close();
        assertTrue(s.isReleased(), "the last view releases the storage");
    }

    @Test
    default void manyAllocationsCanBeReleased() {
        for (int i = 0; i < 2000; i++) {
            try (Tensor t = Tensor.zeros(1000)) {
                try (Tensor u = t.add(1)) {
                    assertFalse(TensorInternals.view(u).storage().isReleased());
                }
            }
        }
    }
}
