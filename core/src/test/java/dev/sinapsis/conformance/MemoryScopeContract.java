package dev.sinapsis.conformance;

import dev.sinapsis.spi.TensorInternals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.nn.BatchNorm2d;
import dev.sinapsis.nn.Conv2d;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.MaxPool2d;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.ReLU;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MemoryScope} and {@link Backend#memoryStats()}: what a scope releases, what escapes it,
 * and that a training loop run in scopes keeps the backend's live memory exactly flat, proven
 * with the backend's own counters (never the garbage collector).
 */
public abstract class MemoryScopeContract extends BackendTestBase {

    private long live() {
        return backend().memoryStats().liveBytes();
    }

    @Test
    void statsCountAllocationAndRelease() {
        // settled, as below: on a shared backend a late Cleaner of an earlier test's garbage would
        // otherwise return bytes while this one counts (seen in OpenClTiledSuiteTest under load)
        MemoryStats settled = HeapProbe.settledStats(backend());
        long before = settled.liveBytes();
        long buffersBefore = settled.liveBuffers();
        Tensor t = Tensor.zeros(1031);
        assertTrue(live() - before >= 1031 * 4L, "live bytes grow by at least the tensor's bytes");
        assertEquals(buffersBefore + 1, backend().memoryStats().liveBuffers());
        Tensor r = t.reshape(1, 1031);
        Tensor v = r.t();
        assertEquals(buffersBefore + 1, backend().memoryStats().liveBuffers(), "a view allocates nothing");
        t.close();
        r.close();
        assertTrue(live() > before, "a view keeps the storage alive");
        v.close();
        assertEquals(before, live(), "closing the last handle returns the bytes");
        MemoryStats s = backend().memoryStats();
        assertTrue(s.peakLiveBytes() >= s.liveBytes() && s.allocations() > 0, s.toString());
    }

    @Test
    void scopeReleasesWhatWasMadeInside() {
        long before = live();
        Tensor inside;
        Storage storage;
        try (MemoryScope scope = MemoryScope.open()) {
            inside = Tensor.ones(64, 33).mul(3).add(1).sum(new int[] {1}, false);
            storage = TensorInternals.view(inside).storage();
            Tensor.zeros(1000).exp();
            assertTrue(scope.size() >= 5, "every tensor made in the scope is tracked: " + scope.size());
            assertTrue(live() > before);
        }
        assertEquals(before, live(), "closing the scope returns every byte");
        assertTrue(inside.isClosed() && storage.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, inside::toDoubleArray);
        assertTrue(e.getMessage().contains("MemoryScope"), e.getMessage());
    }

    @Test
    void keptTensorsMoveToTheEnclosingScope() {
        // settled: garbage of earlier tests released by a late Cleaner would otherwise lower the count
        // below `before` while the kept tensor is still alive (seen on a loaded machine)
        long before = HeapProbe.settledStats(backend()).liveBytes();
        Tensor[] keptOut = new Tensor[1];
        try (MemoryScope outer = MemoryScope.open()) {
            Tensor kept;
            Tensor dropped;
            try (MemoryScope inner = MemoryScope.open()) {
                Tensor base = Tensor.arange(12).reshape(3, 4);
                kept = inner.keep(base.t().contiguous());
                dropped = base.mul(2);
                assertSame(inner, MemoryScope.current());
            }
            assertSame(outer, MemoryScope.current());
            assertFalse(kept.isClosed());
            assertTrue(dropped.isClosed());
            assertArrayEquals(new double[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, kept.toDoubleArray());
            keptOut[0] = outer.keep(kept);
            assertSame(kept, keptOut[0]);
        }
        // the outermost keep hands the tensor to the caller, who closes it
        assertTrue(live() > before);
        keptOut[0].close();
        assertEquals(before, live());
    }

    @Test
    void keepingAViewKeepsItsStorageOnly() {
        Tensor row;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor m = Tensor.arange(20).reshape(4, 5);
            row = scope.keep(m.select(0, 2));
        }
        assertArrayEquals(new double[] {10, 11, 12, 13, 14}, row.toDoubleArray(), "the kept view still reads its storage");
        Storage s = TensorInternals.view(row).storage();
        row.close();
        assertTrue(s.isReleased(), "closing the kept view releases the last reference");
    }

    /**
     * The collector's safety net: a tensor kept out of every scope and then dropped without
     * close() is counted free once collected (on a backend instance of its own, so no other
     * test's garbage moves the counter meanwhile).
     */
    @Test
    void aTensorKeptOutOfEveryScopeAndDroppedIsCountedFreeAfterCollection() throws InterruptedException {
        Backend isolated = createIsolatedBackend();
        try (var on = dev.sinapsis.backend.Backends.using(isolated)) {
            long before = isolated.memoryStats().liveBytes();
            try (MemoryScope scope = MemoryScope.open()) {
                scope.keep(Tensor.ones(4096).mul(2)); // the kept result is dropped right away
            }
            assertTrue(isolated.memoryStats().liveBytes() > before, "the kept tensor is live");
            for (int i = 0; i < 100 && isolated.memoryStats().liveBytes() != before; i++) {
                System.gc(); // tests may ask the collector; the library never does
                Thread.sleep(20);
            }
            assertEquals(before, isolated.memoryStats().liveBytes(), "counted free once collected");
        }
    }

    @Test
    void closingAnOuterScopeClosesInnerOnes() {
        long before = live();
        MemoryScope outer = MemoryScope.open();
        MemoryScope inner = MemoryScope.open();
        Tensor a = Tensor.ones(100);
        outer.close();
        assertTrue(inner.isClosed() && a.isClosed());
        assertEquals(null, MemoryScope.current());
        assertEquals(before, live());
        inner.close(); // idempotent
    }

    @Test
    void escapeAndErrors() {
        Tensor escaped;
        try (MemoryScope scope = MemoryScope.open()) {
            escaped = MemoryScope.escape(Tensor.ones(7));
            Tensor other = Tensor.ones(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.keep(escaped));
            assertTrue(e.getMessage().contains("not owned"), e.getMessage());
            assertFalse(other.isClosed());
        }
        assertEquals(7.0, escaped.sum().item());
        escaped.close();
        MemoryScope s = MemoryScope.open();
        try {
            Thread t = new Thread(() -> assertThrows(IllegalStateException.class, s::close));
            t.start();
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            s.close();
        }
        assertTrue(s.isClosed());
    }

    @Test
    void parametersGradientsAndOptimizerStateEscapeAStep() {
        Tensor.manualSeed(3);
        Module model;
        Optimizer opt;
        Tensor x = Tensor.randn(new Generator(5), 8, 6);
        Tensor y = Tensor.randn(new Generator(6), 8, 2);
        try (MemoryScope scope = MemoryScope.open()) {
            model = new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 2));
            opt = Adam.builder(model.parameters()).lr(0.01).build();
            Tensor loss = Losses.mse(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        for (Tensor p : model.parameters()) {
            assertFalse(p.isClosed(), "parameters made in a scope outlive it");
            assertNotNull(p.grad(), "a parameter's gradient outlives the scope of its backward");
            assertFalse(p.grad().isClosed());
            assertEquals(p.numel(), p.grad().toDoubleArray().length);
        }
        // a second step in a fresh scope uses the optimizer state created in the first one
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor loss = Losses.mse(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        // the same two steps without scopes give the same parameters
        Tensor.manualSeed(3);
        Module plain = new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 2));
        Optimizer plainOpt = Adam.builder(plain.parameters()).lr(0.01).build();
        for (int i = 0; i < 2; i++) {
            Tensor loss = Losses.mse(plain.forward(x), y);
            plainOpt.zeroGrad();
            loss.backward();
            plainOpt.step();
        }
        List<Tensor> a = model.parameters();
        List<Tensor> b = plain.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i).toDoubleArray(), a.get(i).toDoubleArray(), 0.0, "parameter " + i);
        }
        long before = live();
        long held = 0;
        for (Tensor p : model.parameters()) {
            held += 3L * p.numel() * p.dtype().byteSize(); // value, gradient, two Adam moments below
        }
        opt.close();
        model.close();
        assertTrue(before - live() >= held, "closing the model and optimizer releases parameters, gradients and state: "
                + (before - live()) + " < " + held);
        assertTrue(model.parameters().get(0).isClosed());
        opt.close(); // idempotent
        model.close();
        plainOpt.close();
        plain.close();
    }

    @Test
    void moduleMovesBetweenBackends() {
        LoopBackend source = new LoopBackend();
        Module model;
        Tensor x;
        Tensor expected;
        try (var on = dev.sinapsis.backend.Backends.using(source)) {
            Tensor.manualSeed(11);
            model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
            x = Tensor.randn(new Generator(2), 5, 4);
            expected = model.forward(x);
        }
        long sourceLive = source.memoryStats().liveBytes();
        model.to(backend());
        assertTrue(source.memoryStats().liveBytes() < sourceLive, "the old storages were released");
        for (Tensor p : model.parameters()) {
            assertSame(backend(), p.backend());
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        Tensor got = model.forward(x.to(backend()));
        assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), 1e-6);
        model.close();
    }

    /**
     * A LeNet-style CNN with batch normalisation trained in scopes on a backend instance of its own (so no other test's
     * garbage is returned to its pool while it runs): the live bytes after 1,000 steps equal those
     * after step 10, exactly, and closing the model and optimizer returns every byte.
     */
    @Test
    void cnnTrainingInScopesIsFlatFor1000Steps() {
        Backend isolated = createIsolatedBackend();
        try (var on = dev.sinapsis.backend.Backends.using(isolated)) {
            long start = isolated.memoryStats().liveBytes();
            Module cnn;
            Tensor images;
            Tensor labels;
            try (MemoryScope setup = MemoryScope.open()) {
                Tensor.manualSeed(7);
                // batch norm in training mode too: its running statistics are updated in place every
                // step, and a backend's fused kernels hand back the batch statistics as extra tensors
                cnn = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                        new Conv2d(4, 8, 3), new ReLU(), new Flatten(), new Linear(8 * 3 * 3, 10));
                // one fixed batch keeps the test about memory; fresh batches would behave the same
                images = setup.keep(Tensor.randn(new Generator(99), 8, 1, 12, 12));
                labels = setup.keep(Tensor.randint(new Generator(98), 0, 10, 8));
            }
            Optimizer opt = Adam.builder(cnn.parameters()).lr(1e-3).build();
            List<MemoryStats> at = new ArrayList<>();
            double firstLoss = 0;
            double lastLoss = 0;
            for (int step = 1; step <= 1000; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = Losses.crossEntropy(cnn.forward(images), labels);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    if (step == 1) {
                        firstLoss = loss.item();
                    } else if (step == 1000) {
                        lastLoss = loss.item();
                    }
                }
                if (step == 10 || step == 100 || step == 1000) {
                    at.add(isolated.memoryStats());
                }
            }
            MemoryStats s10 = at.get(0);
            MemoryStats s1000 = at.get(2);
            System.out.printf("%s: scoped CNN training, after step 10: %s; after step 100: %s; after step 1000: %s%n",
                    isolated.description(), s10, at.get(1), s1000);
            assertEquals(s10.liveBytes(), s1000.liveBytes(), "live bytes after step 1000 equal those after step 10");
            assertEquals(s10.liveBuffers(), s1000.liveBuffers(), "live buffers are flat");
            assertTrue(lastLoss < firstLoss, "the network learns the fixed batch: " + firstLoss + " -> " + lastLoss);
            opt.close();
            cnn.close();
            images.close();
            labels.close();
            assertEquals(start, isolated.memoryStats().liveBytes(),
                    "closing the model, optimizer and batch returns every byte of the run");
        }
    }
}
