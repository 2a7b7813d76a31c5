package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.MemoryStats;
import dev.sinapsis.conformance.ScopedBackendTestBase;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training recurrent layers: truncated BPTT (the state crosses chunks, the gradient does not, and
 * within a chunk it is full BPTT's), learning a task that needs memory, and flat memory over
 * repeated LSTM training steps in {@link MemoryScope}s, proven with the backend's own counters.
 */
public abstract class RecurrentTrainingContract extends ScopedBackendTestBase {


    private static Tensor weighted(Tensor out, int salt) {
        return out.mul(RecurrentGoldenContract.projection(out, salt)).sum();
    }

    @Test
    void truncatedBpttCarriesTheStateButStopsTheGradientAtChunkBoundaries() {
        LSTM lstm = LSTM.builder(2, 3).generator(new Generator(11)).dtype(DType.F64).build();
        Tensor data = Tensor.normal(new Generator(12), Shape.of(6, 2, 2), DType.F64, 0, 1);

        // full BPTT of a loss on steps 3..5 only
        Tensor xFull = data.detach().requiresGrad(true);
        RecurrentOutput full = lstm.forward(xFull, null);
        weighted(full.output().slice(0, 3, 6), 0).backward();
        Tensor fullWhh = lstm.stateDict().get("weight_hh_l0").grad().detach().contiguous();
        lstm.zeroGrad();

        // the same loss through TruncatedBptt with chunks of 3 steps
        Tensor xT = data.detach().requiresGrad(true);
        List<Tensor> outputs = new ArrayList<>();
        TruncatedBptt tbptt = new TruncatedBptt(lstm, 3);
        RecurrentState last = tbptt.run(xT, null, chunk -> {
            outputs.add(MemoryScope.escape(chunk.output().output().detach().contiguous()));
            assertEquals(chunk.index() * 3, chunk.start());
            if (chunk.index() == 1) {
                weighted(chunk.output().output(), 0).backward();
            }
        });
        assertEquals(2, outputs.size());
        assertArrayEquals(full.output().toDoubleArray(), Tensor.concat(0, outputs).toDoubleArray(), 1e-12,
                "the carried state makes the chunks' outputs the full sequence's");
        outputs.forEach(Tensor::close); // escaped from the chunks' scopes above
        assertArrayEquals(full.hN().toDoubleArray(), last.h().toDoubleArray(), 1e-12);
        assertArrayEquals(full.cN().toDoubleArray(), last.c().toDoubleArray(), 1e-12);
        assertTrue(last.h().isLeaf() && !last.h().requiresGrad(), "the returned state is detached");

        assertEquals(0, xT.grad().slice(0, 0, 3).abs().sum().item(), "no gradient crosses the chunk boundary");
        assertTrue(xFull.grad().slice(0, 0, 3).abs().sum().item() > 1e-3, "while full BPTT reaches the first chunk");
        assertArrayEquals(xFull.grad().slice(0, 3, 6).toDoubleArray(), xT.grad().slice(0, 3, 6).toDoubleArray(), 1e-12,
                "within the chunk the gradient is full BPTT's");

        // the weights' gradient is that of the chunk alone, run from the detached state after step 2
        Tensor tbpttWhh = lstm.stateDict().get("weight_hh_l0").grad().detach().contiguous();
        lstm.zeroGrad();
        RecurrentState mid;
        try (var ignored = dev.sinapsis.autograd.Autograd.noGrad()) {
            mid = lstm.forward(data.slice(0, 0, 3), null).state();
        }
        weighted(lstm.forward(data.slice(0, 3, 6), null, mid).output(), 0).backward();
        assertArrayEquals(lstm.stateDict().get("weight_hh_l0").grad().toDoubleArray(), tbpttWhh.toDoubleArray(), 1e-12);
        assertTrue(fullWhh.sub(tbpttWhh).abs().max().item() > 1e-4, "and differs from full BPTT's");
        lstm.close();
    }

    /**
     * A GRU with a linear head learns to report, at the end of each sequence of a padded batch, the
     * first element of that sequence: impossible without carrying state across steps.
     */
    @Test
    void aRecurrentClassifierLearnsATaskThatNeedsMemory() {
        Tensor.manualSeed(21);
        GRU gru = GRU.builder(1, 12).batchFirst(true).build();
        Linear head = new Linear(12, 2);
        List<Tensor> params = new ArrayList<>(gru.parameters());
        params.addAll(head.parameters());
        Optimizer opt = Adam.builder(params).lr(0.05).build();
        Generator g = new Generator(22);
        int[] lengths = {3, 6, 4, 5, 2, 6, 3, 4};
        double first = 0;
        double last = 0;
        for (int step = 0; step < 80; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor x = Tensor.normal(g, Shape.of(8, 6, 1), DType.F32, 0, 1);
                Tensor y = x.select(1, 0).squeeze(1).gt(0).to(DType.I64);
                RecurrentOutput out = gru.forward(x, lengths);
                Tensor loss = Losses.crossEntropy(head.forward(out.hN().select(0, 0)), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (step < 10) {
                    first += loss.item() / 10;
                } else if (step >= 70) {
                    last += loss.item() / 10;
                }
            }
        }
        assertTrue(last < 0.3 * first, "mean loss of the first and last 10 steps: " + first + " -> " + last);
        opt.close();
        gru.close();
        head.close();
    }

    @Test
    void lstmTrainingStepsInScopesKeepMemoryFlat() {
        Backend isolated = createIsolatedBackend();
        try (var on = Backends.using(isolated)) {
            long start = isolated.memoryStats().liveBytes();
            LSTM lstm;
            Linear head;
            try (MemoryScope setup = MemoryScope.open()) { // temporaries of the initialisation are released here
                Tensor.manualSeed(31);
                lstm = LSTM.builder(4, 6).numLayers(2).bidirectional(true).batchFirst(true).dropout(0.2).build();
                head = new Linear(12, 3);
            }
            List<Tensor> params = new ArrayList<>(lstm.parameters());
            params.addAll(head.parameters());
            Optimizer opt = Adam.builder(params).lr(1e-2).build();
            Generator g = new Generator(32);
            int[] lengths = {5, 2, 4};
            MemoryStats at10 = null;
            for (int step = 1; step <= 30; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor x = Tensor.normal(g, Shape.of(3, 5, 4), DType.F32, 0, 1);
                    Tensor y = Tensor.randint(g, 0, 3, 3);
                    RecurrentOutput out = lstm.forward(x, lengths);
                    Tensor loss = Losses.crossEntropy(head.forward(out.output().select(1, 0)), y)
                            .add(out.cN().square().mean());
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
                if (step == 10) {
                    at10 = isolated.memoryStats();
                }
            }
            MemoryStats at30 = isolated.memoryStats();
            assertEquals(at10.liveBytes(), at30.liveBytes(), "live bytes after step 30 equal those after step 10");
            assertEquals(at10.liveBuffers(), at30.liveBuffers(), "live buffers are flat");
            opt.close();
            lstm.close();
            head.close();
            assertEquals(start, isolated.memoryStats().liveBytes(), "closing model and optimizer returns every byte");
        }
    }

    @Test
    void cellsMakeZeroStatesWhenNoneIsGiven() {
        LSTMCell cell = new LSTMCell(3, 2, true, new Generator(41), DType.F64);
        Tensor x = Tensor.normal(new Generator(42), Shape.of(4, 3), DType.F64, 0, 1);
        RecurrentState fromNull = cell.forward(x, null);
        RecurrentState fromZeros = cell.forward(x, new RecurrentState(Tensor.zeros(Shape.of(4, 2), DType.F64),
                Tensor.zeros(Shape.of(4, 2), DType.F64)));
        assertArrayEquals(fromZeros.h().toDoubleArray(), fromNull.h().toDoubleArray(), 0.0);
        assertArrayEquals(fromZeros.c().toDoubleArray(), cell.forward(x, null).c().toDoubleArray(), 0.0);
        assertArrayEquals(fromZeros.h().toDoubleArray(), cell.forward(x).toDoubleArray(), 0.0);
        assertArrayEquals(new int[] {2}, cell.forward(x.select(0, 1), null).h().shape().toArray(), "unbatched");
        assertNull(RecurrentState.of(x).c());
        cell.close();
    }
}
