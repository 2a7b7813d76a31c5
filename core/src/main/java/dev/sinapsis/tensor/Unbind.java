package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unbind}: the slices of a tensor along one axis, as views, with one shared gradient
 * buffer instead of one full-size gradient per slice.
 *
 * <p>Why not {@code select}: the backward of each {@code select} allocates a zero tensor of the
 * whole input and the engine adds them up, so a loop over the {@code T} steps of a sequence costs
 * {@code T} full-size allocations and additions (quadratic in {@code T}). Here the slices hang off a
 * 0-d "hub" entry recorded on the input: each slice's backward copies its gradient into its row of
 * one buffer and passes a scalar zero to the hub; the hub, recorded before every slice and hence
 * walked after all of them, hands the buffer to the input. Slices that receive no gradient keep
 * zero rows.
 */
final class Unbind {
    private Unbind() {
    }

    static List<Tensor> unbind(Tensor t, int axis) {
        int ax = Shape.normalizeAxis(axis, t.rank(), "unbind");
        int n = t.shape().dim(ax);
        int[] dims = new int[t.rank() - 1];
        int[] strides = new int[t.rank() - 1];
        int[] all = t.view().strides();
        for (int i = 0, k = 0; i < t.rank(); i++) {
            if (i != ax) {
                dims[k] = t.shape().dim(i);
                strides[k++] = all[i];
            }
        }
        Shape pieceShape = Shape.of(dims);
        List<Tensor> pieces = new ArrayList<>(n);
        boolean record = Autograd.isEnabled() && t.requiresGrad() && t.dtype().isFloating();
        Shared shared = record ? new Shared(t, ax) : null;
        Tensor hub = record ? Autograd.record("unbind", Factories.scalarLike(t, 0),
                (g, needs) -> new Tensor[] {shared.take()}, t) : null;
        for (int i = 0; i < n; i++) {
            Tensor piece = Views.alias(t, pieceShape, strides.clone(), t.view().offset() + i * all[ax]);
            if (record) {
                int index = i;
                Autograd.record("unbind[" + i + "]", piece, (g, needs) -> {
                    shared.put(index, g);
                    return new Tensor[] {Factories.scalarLike(g, 0)};
                }, hub);
            }
            pieces.add(piece);
        }
        return pieces;
    }

    /** The gradient buffer the slices write into and the hub hands on; fresh for every backward. */
    private static final class Shared {
        private final Tensor input;
        private final int axis;
        private Tensor buffer;

        Shared(Tensor input, int axis) {
            this.input = input;
            this.axis = axis;
        }

        void put(int index, Tensor g) {
            if (buffer == null) {
                buffer = Factories.full(g.backend(), input.shape(), g.dtype(), 0);
            }
            // the engine has already summed every gradient of this slice, so a copy suffices
            InPlace.copy(Views.select(buffer, axis, index), g);
        }

        Tensor take() {
            Tensor out = buffer != null ? buffer : Factories.full(input.backend(), input.shape(), input.dtype(), 0);
            buffer = null;
            return out;
        }
    }
}
