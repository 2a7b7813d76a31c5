package dev.sinapsis.autograd;

import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;

/** The checks of anomaly mode ({@link Autograd#detectAnomaly()}); used only while it is on. */
final class Anomalies {
    private Anomalies() {
    }

    /** Whether every element of {@code t} is finite (true for non-floating and empty tensors). */
    static boolean allFinite(Tensor t) {
        if (t == null || !t.dtype().isFloating() || t.numel() == 0) {
            return true;
        }
        // x - x is 0 for a finite x and NaN for NaN or +-Inf, so the sum is finite iff every x is
        try (MemoryScope scratch = MemoryScope.open(); Autograd.Scope off = Autograd.noGrad()) {
            return Double.isFinite(t.sub(t).sum().item());
        }
    }

    /** Forward: finite floating inputs and a non-finite output name {@code op} as the culprit. */
    static void checkForward(String op, Tensor out, Tensor[] inputs) {
        if (allFinite(out)) {
            return;
        }
        for (Tensor in : inputs) {
            if (!allFinite(in)) {
                return; // the NaN/Inf came from before this op
            }
        }
        StringBuilder sb = new StringBuilder("anomaly detected in the forward of '").append(op).append("': its output ")
                .append(describe(out)).append(" has ").append(nonFinite(out)).append(", but its inputs are finite (");
        appendInputs(sb, inputs);
        throw new AnomalyException(op, AnomalyException.Phase.FORWARD, sb.append(')').toString());
    }

    /**
     * Backward: an entry that received the finite gradient {@code grad} and returned a non-finite
     * gradient for one of its inputs is the culprit.
     */
    static void checkBackward(Node node, Tensor grad, Tensor[] inputs, Tensor[] grads) {
        Integer bad = null;
        for (int i = 0; i < grads.length && i < inputs.length; i++) {
            if (grads[i] != null && inputs[i] != null && inputs[i].requiresGrad() && !allFinite(grads[i])) {
                bad = i;
                break;
            }
        }
        if (bad == null || !allFinite(grad)) {
            return;
        }
        StringBuilder sb = new StringBuilder("anomaly detected in the backward of '").append(node.name())
                .append("': it returned a gradient with ").append(nonFinite(grads[bad])).append(" for input ").append(bad)
                .append(' ').append(describe(inputs[bad])).append(" from a finite gradient ").append(describe(grad))
                .append(" of its output (forward inputs: ");
        appendInputs(sb, inputs);
        throw new AnomalyException(node.name(), AnomalyException.Phase.BACKWARD, sb.append(')').toString());
    }

    private static void appendInputs(StringBuilder sb, Tensor[] inputs) {
        boolean first = true;
        for (Tensor in : inputs) {
            if (in != null) {
                sb.append(first ? "" : ", ").append(describe(in));
                first = false;
            }
        }
        if (first) {
            sb.append("none");
        }
    }

    private static String describe(Tensor t) {
        return t.shape() + " " + t.dtype();
    }

    /** "2 NaN and 1 Inf of 6 elements", read on the host (only when reporting). */
    private static String nonFinite(Tensor t) {
        double[] values = t.toDoubleArray();
        int nan = 0;
        int inf = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                nan++;
            } else if (Double.isInfinite(v)) {
                inf++;
            }
        }
        String what = nan > 0 && inf > 0 ? nan + " NaN and " + inf + " Inf" : nan > 0 ? nan + " NaN" : inf + " Inf";
        return what + " of " + values.length + " element" + (values.length == 1 ? "" : "s");
    }
}
