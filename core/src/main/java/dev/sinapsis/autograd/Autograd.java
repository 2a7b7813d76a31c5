package dev.sinapsis.autograd;

import dev.sinapsis.spi.TensorInternals;
import dev.sinapsis.tensor.Tensor;

/**
 * Grad mode, anomaly mode and recording of tape entries.
 *
 * <pre>{@code
 * try (var scope = Autograd.noGrad()) {
 *     // nothing here is recorded: evaluation, optimizer updates
 * }
 * try (var scope = Autograd.detectAnomaly()) {
 *     loss = model.forward(x) ...;   // throws AnomalyException naming the first op that made a NaN/Inf
 *     loss.backward();               // ... in its forward or in its backward
 * }
 * }</pre>
 *
 * <p>Both modes are per thread, and their scopes nest: closing one restores the mode that was in
 * force when it was opened.
 */
public final class Autograd {
    /** The modes of one thread. */
    static final class Mode {
        boolean grad = true;
        boolean anomaly;
    }

    private static final ThreadLocal<Mode> MODE = ThreadLocal.withInitial(Mode::new);

    private Autograd() {
    }

    /** Whether ops on this thread are recorded. */
    public static boolean isEnabled() {
        return MODE.get().grad;
    }

    /** Whether anomaly detection ({@link #detectAnomaly()}) is on for this thread. */
    public static boolean isAnomalyDetectionEnabled() {
        return MODE.get().anomaly;
    }

    /** Turns recording off on this thread until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        return setEnabled(false);
    }

    /** Turns recording on (e.g. inside a {@link #noGrad()} block) until the scope is closed. */
    public static Scope enableGrad() {
        return setEnabled(true);
    }

    /**
     * Turns anomaly detection on for this thread until the returned scope is closed (like
     * PyTorch's {@code torch.autograd.detect_anomaly()}), for finding where a NaN or infinity comes
     * from; every op then costs an extra reduction and a host read, so leave it off otherwise.
     *
     * <ul>
     *   <li>Forward: an op recorded with grad mode on whose floating-point inputs are all finite
     *       but whose output is not throws an {@link AnomalyException} naming the op, its input and
     *       output shapes and dtypes. (Ops run under {@link #noGrad()} are not checked.)</li>
     *   <li>Backward: a tape entry that receives a finite gradient but produces a non-finite
     *       gradient for one of its inputs throws an {@link AnomalyException} naming the op.</li>
     * </ul>
     *
     * <p>With the mode off, which is the default, nothing is checked and nothing changes.
     */
    public static Scope detectAnomaly() {
        Mode mode = MODE.get();
        boolean previous = mode.anomaly;
        mode.anomaly = true;
        return () -> mode.anomaly = previous;
    }

    private static Scope setEnabled(boolean on) {
        Mode mode = MODE.get();
        boolean previous = mode.grad;
        mode.grad = on;
        return () -> mode.grad = previous;
    }

    /**
     * Records {@code out} as produced by an op named {@code name} from {@code inputs}, if grad mode
     * is on and any input requires a gradient. Returns {@code out}.
     *
     * @throws AnomalyException in anomaly mode, if the inputs are finite and {@code out} is not
     */
    public static Tensor record(String name, Tensor out, BackwardFunction backward, Tensor... inputs) {
        Mode mode = MODE.get();
        if (!mode.grad) {
            return out;
        }
        if (mode.anomaly) {
            Anomalies.checkForward(name, out, inputs);
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

    /** A grad-mode or anomaly-mode change; closing it restores the previous mode. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
