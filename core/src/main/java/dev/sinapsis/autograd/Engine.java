package dev.sinapsis.autograd;

import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code backward()}: collects the tape entries the output depends on, walks them from the
 * newest to the oldest, and accumulates gradients into leaves.
 */
public final class Engine {
    private Engine() {
    }

    /**
     * Backpropagates {@code grad} (the gradient of some scalar with respect to {@code root}) to every
     * leaf that requires a gradient.
     *
     * <p>In anomaly mode ({@link Autograd#detectAnomaly()}) every entry's returned gradients are
     * checked: the first entry that turns a finite gradient into a NaN or infinity throws an
     * {@link AnomalyException}.
     *
     * @param retainGraph keep the entries so backward can run through them again
     */
    public static void backward(Tensor root, Tensor grad, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: this tensor does not require grad; no input of the "
                    + "computation had requiresGrad(true)");
        }
        if (grad == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: a gradient can be created implicitly only for a "
                        + "scalar output, but the output has shape " + root.shape()
                        + "; pass the upstream gradient: backward(grad)");
            }
            grad = Tensor.onesLike(root);
        } else if (!grad.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + grad.shape()
                    + " differs from the output shape " + root.shape());
        }
        boolean anomaly = Autograd.isAnomalyDetectionEnabled();
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            run(root, grad, retainGraph, anomaly);
        }
    }

    private static void run(Tensor root, Tensor grad, boolean retainGraph, boolean anomaly) {
        Node start = root.gradFn();
        if (start == null) {
            TensorInternals.accumulateGrad(root, grad);
            return;
        }
        List<Node> order = reachable(start);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(start, grad);
        if (root.retainsGrad()) {
            TensorInternals.accumulateGrad(root, grad);
        }
        for (Node node : order) {
            Tensor g = pending.remove(node);
            if (g == null) {
                continue;
            }
            Tensor[] inputs = node.inputs();
            Tensor[] grads = node.apply(g);
            if (anomaly) {
                Anomalies.checkBackward(node, g, inputs, grads);
            }
            for (int i = 0; i < inputs.length; i++) {
                Tensor input = inputs[i];
                if (input == null || grads[i] == null || !input.requiresGrad()) {
                    continue;
                }
                Tensor gi = grads[i];
                if (!gi.shape().equals(input.shape())) {
                    throw new IllegalStateException("backward of '" + node.name() + "' produced a gradient of shape "
                            + gi.shape() + " for an input of shape " + input.shape());
                }
                Node producer = input.gradFn();
                if (producer != null) {
                    pending.merge(producer, gi, Tensor::add);
                }
                if (producer == null || input.retainsGrad()) {
                    TensorInternals.accumulateGrad(input, gi);
                }
            }
            if (!retainGraph) {
                node.release();
            }
        }
    }

    /** Entries reachable from {@code start}, newest first (a valid reverse topological order). */
    private static List<Node> reachable(Node start) {
        List<Node> found = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(start);
        seen.put(start, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            found.add(n);
            for (Tensor input : n.inputs()) {
                Node p = input == null ? null : input.gradFn();
                if (p != null && seen.put(p, Boolean.TRUE) == null) {
                    stack.push(p);
                }
            }
        }
        found.sort(Collections.reverseOrder(Comparator.comparingLong(Node::sequence)));
        return found;
    }
}
