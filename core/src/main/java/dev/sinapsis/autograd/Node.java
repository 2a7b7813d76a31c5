package dev.sinapsis.autograd;

import dev.sinapsis.tensor.Tensor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One entry of the tape: an op's name, its inputs and its backward function. Entries are
 * linked from the tensors they produced and numbered in creation order, so walking them by
 * decreasing number is a reverse walk of the tape.
 */
public final class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String name;
    private final long sequence;
    private Tensor[] inputs;
    private boolean[] needsGrad;
    private BackwardFunction backward;

    Node(String name, Tensor[] inputs, BackwardFunction backward) {
        this.name = name;
        this.sequence = SEQUENCE.getAndIncrement();
        this.inputs = inputs;
        this.backward = backward;
        this.needsGrad = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needsGrad[i] = inputs[i] != null && inputs[i].requiresGrad();
        }
    }

    /** The op that recorded this entry, e.g. {@code "matmul"}. */
    public String name() {
        return name;
    }

    /** Creation order; later entries have larger numbers. */
    long sequence() {
        return sequence;
    }

    Tensor[] inputs() {
        if (inputs == null) {
            throw new IllegalStateException("backward: the graph through '" + name
                    + "' was already freed by an earlier backward(); pass retainGraph=true to the first "
                    + "backward() to run it twice");
        }
        return inputs;
    }

    Tensor[] apply(Tensor grad) {
        inputs();
        return backward.apply(grad, needsGrad);
    }

    /** Drops the inputs and saved tensors so their memory can be reclaimed. */
    void release() {
        inputs = null;
        backward = null;
        needsGrad = null;
    }

    @Override
    public String toString() {
        return "Node(" + name + ")";
    }
}
