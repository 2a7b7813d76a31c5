package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.LstmCellOps;

/**
 * The pointwise part of an LSTM cell through a backend's fused kernels ({@link LstmCellOps}): from
 * the pre-activations {@code gates} ({@code [B, 4H]}, PyTorch's order i, f, g, o) and {@code cPrev}
 * ({@code [B, H]}), {@code c = sigmoid(f) cPrev + sigmoid(i) tanh(g)} and {@code h = sigmoid(o) tanh(c)}
 * in one pass, and the gradients of both inputs in one pass backward (from the activated gates saved
 * by the forward). The recurrent layers call it when {@link #available} says so and otherwise compose
 * the same formula from sigmoid, tanh, mul and add, the reference the conformance suite compares this
 * path with. The kernels never produce subnormal numbers (see {@link LstmCellOps} for the bounds).
 */
public final class FusedLstmCell {
    private FusedLstmCell() {
    }

    /**
     * True when the backend of {@code gates} has the fused kernels and the operands fit them: both
     * of rank 2, one floating dtype and backend, {@code gates} {@code [B, 4H]} and {@code cPrev}
     * {@code [B, H]} with {@code B, H > 0} (any strides).
     */
    public static boolean available(Tensor gates, Tensor cPrev) {
        return gates.rank() == 2 && cPrev.rank() == 2 && gates.dtype().isFloating() && cPrev.dtype() == gates.dtype()
                && cPrev.backend() == gates.backend() && gates.dim(0) > 0 && cPrev.dim(1) > 0
                && cPrev.dim(0) == gates.dim(0) && gates.dim(1) == 4 * cPrev.dim(1)
                && Capabilities.find(gates.backend(), LstmCellOps.class).isPresent();
    }

    /**
     * The cell's new state: {@code {h, c}}, both {@code [B, H]}, contiguous, differentiable with
     * respect to {@code gates} and {@code cPrev}. They are two halves of one {@code [2, B, H]} result
     * recorded once, so the backward pass receives both gradients together.
     *
     * @throws IllegalStateException when {@link #available} is false for the operands
     */
    public static Tensor[] apply(Tensor gates, Tensor cPrev) {
        if (!available(gates, cPrev)) {
            throw new IllegalStateException("lstmCell: no fused kernel for gates " + gates.dtype() + " " + gates.shape()
                    + " and cPrev " + cPrev.dtype() + " " + cPrev.shape() + " on " + gates.backend().name()
                    + "; expected gates [B, 4H] and cPrev [B, H] of one floating dtype, or use the composite");
        }
        LstmCellOps ops = Capabilities.find(gates.backend(), LstmCellOps.class).orElseThrow();
        int b = gates.dim(0);
        int hidden = cPrev.dim(1);
        Tensor hc = Factories.empty(gates.backend(), Shape.of(2, b, hidden), gates.dtype());
        Tensor act = Factories.empty(gates.backend(), gates.shape(), gates.dtype());
        Tensor state = hc.detach();
        Tensor c = state.select(0, 1);
        Tensor gatesIn = gates.detach();
        Tensor cPrevIn = cPrev.detach();
        ops.lstmCell(state.select(0, 0).view(), c.view(), act.view(), gatesIn.view(), cPrevIn.view());
        Shape gatesShape = gates.shape();
        Tensor y = Autograd.record("lstmCell", hc, (g, needs) -> {
            Tensor grad = g.contiguous();
            Tensor gradGates = Factories.empty(grad.backend(), gatesShape, grad.dtype());
            Tensor gradCPrev = Factories.empty(grad.backend(), Shape.of(b, hidden), grad.dtype());
            ops.lstmCellBackward(gradGates.view(), gradCPrev.view(), grad.select(0, 0).view(),
                    grad.select(0, 1).view(), act.view(), c.view(), cPrevIn.view());
            return new Tensor[] {needs[0] ? gradGates : null, needs[1] ? gradCPrev : null};
        }, gates, cPrev);
        // unbind, not two selects: one gradient buffer for both halves instead of two zero-padded ones
        java.util.List<Tensor> halves = y.unbind(0);
        return new Tensor[] {halves.get(0), halves.get(1)};
    }
}
