package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Node;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.View;
import dev.sinapsis.spi.TensorInternals;

/** Implements {@link TensorInternals} over the tensor's package-private members. */
final class SpiBridge implements TensorInternals.Access {
    @Override
    public View view(Tensor t) {
        return t.view();
    }

    @Override
    public Tensor wrap(Backend backend, View view) {
        return new Tensor(backend, view, false);
    }

    @Override
    public Tensor empty(Backend backend, Shape shape, DType dtype) {
        return Factories.empty(backend, shape, dtype);
    }

    @Override
    public void attachGradFn(Tensor out, Node node) {
        out.attachGradFn(node);
    }

    @Override
    public void accumulateGrad(Tensor t, Tensor g) {
        t.accumulateGrad(g);
    }

    @Override
    public Tensor moveTo(Tensor t, Backend target) {
        return t.moveTo(target);
    }
}
