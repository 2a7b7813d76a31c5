package dev.sinapsis.autograd;

import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.Tensor;

/**
 * Grad mode and recording of tape entries.
 *
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {
 *     // nothing here is recorded: evaluation, optimizer updates
 * }
 * }</pre>
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {
    }

    /** Whether ops on this thread are recorded. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off on this thread until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        return setEnabled(false);
    }

    /** Turns recording on (e.g. inside a {@link #noGrad()} block) until the scope is closed. */
    public static Scope enableGrad() {
        return setEnabled(true);
    }

    private static Scope setEnabled(boolean on) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = on;
        return () -> flag[0] = previous;
    }

    /**
     * Records {@code out} as produced by an op named {@code name} from {@code inputs}, if grad mode
     * is on and any input requires a gradient. Returns {@code out}.
     */
    public static Tensor record(String name, Tensor out, BackwardFunction backward, Tensor... inputs) {
        if (!isEnabled()) {
            return out;
        }
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (any) {
            TensorInternals.attachGradFn(out, new Node(name, inputs, backward));
        }
        return out;
    }

    /** A grad-mode change; closing it restores the previous mode. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
