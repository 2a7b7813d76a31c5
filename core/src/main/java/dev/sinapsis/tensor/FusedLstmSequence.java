package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.LstmSequenceOps;
import java.util.List;

/**
 * One direction of an LSTM layer over a whole sequence through a backend's fused recurrence
 * ({@link LstmSequenceOps}): from every step's input gates ({@code [T, B, 4H]}, biases included),
 * the recurrent weight and the initial state, every step's state {@code hs} and cell {@code cs}
 * ({@code [T, B, H]}) in one call, and in one call backward the gradients of the input gates and of
 * the initial state. The recurrent layers use it when {@link #available} says so and otherwise run
 * the loop of a matmul and {@link FusedLstmCell} (or the composite cell) per step, the reference the
 * conformance suite compares this path with.
 *
 * <p>The recurrent weight enters as a value: no gradient flows to it from here. The layer records
 * its dependence on {@code W_hh} once for the whole sequence ({@code dW_hh = sum_t dG_t^T h_{t-1}},
 * from the input gates' gradient and the states {@code hs}), so this op need not.
 */
public final class FusedLstmSequence {
    private FusedLstmSequence() {
    }

    /**
     * True when the backend of {@code inputGates} offers the fused recurrence and the operands fit
     * it: {@code inputGates} {@code [T, B, 4H]}, {@code wHh} {@code [4H, H]}, {@code h0} and {@code c0}
     * {@code [B, H]}, positive sizes, one floating dtype and backend, any strides.
     */
    public static boolean available(Tensor inputGates, Tensor wHh, Tensor h0, Tensor c0) {
        if (inputGates.rank() != 3 || wHh.rank() != 2 || h0.rank() != 2 || c0.rank() != 2) {
            return false;
        }
        int t = inputGates.dim(0);
        int b = inputGates.dim(1);
        int h = wHh.dim(1);
        DType d = inputGates.dtype();
        return d.isFloating() && t > 0 && b > 0 && h > 0 && inputGates.dim(2) == 4 * h && wHh.dim(0) == 4 * h
                && h0.dim(0) == b && h0.dim(1) == h && c0.dim(0) == b && c0.dim(1) == h
                && wHh.dtype() == d && h0.dtype() == d && c0.dtype() == d
                && wHh.backend() == inputGates.backend() && h0.backend() == inputGates.backend()
                && c0.backend() == inputGates.backend()
                && Capabilities.find(inputGates.backend(), LstmSequenceOps.class).isPresent();
    }

    /**
     * Runs the recurrence (see {@link LstmSequenceOps} for the step rule and {@code lengths}).
     * Returns {@code {hs, cs}}, both {@code [T, B, H]}, contiguous, differentiable with respect to
     * {@code inputGates}, {@code h0} and {@code c0}; they are two halves of one {@code [2, T, B, H]}
     * result recorded once, so the backward pass receives both gradients together.
     *
     * @param lengths each sequence's length in {@code [1, T]}, or {@code null} for all {@code T}
     * @param reverse walk the steps from {@code T-1} down to 0
     * @throws IllegalStateException when {@link #available} is false for the operands
     */
    public static Tensor[] apply(Tensor inputGates, Tensor wHh, Tensor h0, Tensor c0, int[] lengths,
                                 boolean reverse) {
        if (!available(inputGates, wHh, h0, c0)) {
            throw new IllegalStateException("lstmSequence: no fused recurrence for input gates " + inputGates.dtype()
                    + " " + inputGates.shape() + ", W_hh " + wHh.shape() + ", h0 " + h0.shape() + ", c0 "
                    + c0.shape() + " on " + inputGates.backend().name()
                    + "; expected [T, B, 4H], [4H, H], [B, H] and [B, H] of one floating dtype, or use the step loop");
        }
        int steps = inputGates.dim(0);
        int batch = inputGates.dim(1);
        if (lengths != null && lengths.length != batch) {
            throw new IllegalArgumentException("lstmSequence: " + lengths.length + " lengths for " + batch
                    + " sequences");
        }
        int[] lens = lengths == null ? null : lengths.clone();
        LstmSequenceOps ops = Capabilities.find(inputGates.backend(), LstmSequenceOps.class).orElseThrow();
        int hidden = wHh.dim(1);
        // both written in full by the kernel: no zero fill
        Tensor states = Factories.emptyForOverwrite(inputGates.backend(), Shape.of(2, steps, batch, hidden),
                inputGates.dtype());
        Tensor act = Factories.emptyForOverwrite(inputGates.backend(), inputGates.shape(), inputGates.dtype());
        Tensor gatesIn = inputGates.detach();
        Tensor w = wHh.detach();
        Tensor c0In = c0.detach();
        Tensor cs = states.select(0, 1);
        ops.lstmSequence(states.select(0, 0).view(), cs.view(), act.view(), gatesIn.view(), w.view(),
                h0.detach().view(), c0In.view(), lens, reverse);
        Shape gatesShape = inputGates.shape();
        Tensor y = Autograd.record("lstmSequence", states, (g, needs) -> {
            Tensor grad = g.contiguous();
            Tensor gradGates = Factories.emptyForOverwrite(grad.backend(), gatesShape, grad.dtype());
            Tensor gradH0 = Factories.emptyForOverwrite(grad.backend(), Shape.of(batch, hidden), grad.dtype());
            Tensor gradC0 = Factories.emptyForOverwrite(grad.backend(), Shape.of(batch, hidden), grad.dtype());
            ops.lstmSequenceBackward(gradGates.view(), gradH0.view(), gradC0.view(), grad.select(0, 0).view(),
                    grad.select(0, 1).view(), act.view(), cs.view(), w.view(), c0In.view(), lens, reverse);
            return new Tensor[] {needs[0] ? gradGates : null, needs[1] ? gradH0 : null, needs[2] ? gradC0 : null};
        }, inputGates, h0, c0);
        List<Tensor> halves = y.unbind(0);
        return new Tensor[] {halves.get(0), halves.get(1)};
    }
}
