package dev.sinapsis.bench;

import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Preallocated F32 operands on one backend, so the timed code calls only the kernel: random
 * inputs made through the public tensor API and zeroed outputs allocated straight from the
 * backend. {@link #close()} frees them all.
 */
final class Operands implements AutoCloseable {
    private final Backend backend;
    private final Generator gen;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Storage> storages = new ArrayList<>();

    Operands(Backend backend, long seed) {
        this.backend = backend;
        this.gen = new Generator(seed);
    }

    /** A uniform [0, 1) F32 input of the given shape, created on this backend. */
    @SuppressWarnings("try") // the scope is only opened and closed
    View random(int... shape) {
        try (Backends.Scope ignored = Backends.using(backend)) {
            Tensor t = Tensor.rand(gen, shape);
            tensors.add(t);
            return TensorInternals.view(t);
        }
    }

    /** A zeroed contiguous F32 output of the given shape. */
    View output(int... shape) {
        Shape s = Shape.of(shape);
        Storage storage = backend.allocate(DType.F32, s.numel());
        storages.add(storage);
        return View.contiguous(storage, s);
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
        storages.forEach(Storage::release);
        tensors.clear();
        storages.clear();
    }
}
