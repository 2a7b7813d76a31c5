package dev.sinapsis.autograd;

/**
 * Thrown in anomaly mode ({@link Autograd#detectAnomaly()}) by the first op whose forward or
 * backward turned finite values into a NaN or an infinity. The message names the op, the phase,
 * and the shapes and dtypes involved.
 */
public final class AnomalyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the non-finite value appeared. */
    public enum Phase {
        /** The op's output. */
        FORWARD,
        /** The gradient the op's backward returned for one of its inputs. */
        BACKWARD
    }

    private final String op;
    private final Phase phase;

    AnomalyException(String op, Phase phase, String message) {
        super(message);
        this.op = op;
        this.phase = phase;
    }

    /** The name of the op at fault, as recorded on the tape (e.g. {@code "log"}, {@code "div"}). */
    public String op() {
        return op;
    }

    /** Whether the op's forward or its backward produced the value. */
    public Phase phase() {
        return phase;
    }
}
