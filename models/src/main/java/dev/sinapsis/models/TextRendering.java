package dev.sinapsis.models;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Optional;

/**
 * Whether this Java runtime can draw text, which every chart needs. A trimmed runtime (a jlink
 * image, a container without fonts) can lack the native font libraries: then AWT fails with an
 * {@link UnsatisfiedLinkError} or an {@code AWTError} deep inside the chart library, after the
 * training it would only illustrate has finished. The run's model, checkpoint, metrics and
 * summary are valid without the charts, so the charts are left out with one warning (saying what
 * to install) instead of failing the command.
 */
public final class TextRendering {
    private static final System.Logger LOG = System.getLogger(TextRendering.class.getName());
    private static volatile Optional<String> problem;
    private static volatile boolean warned;

    private TextRendering() {
    }

    /** Empty when text can be drawn; otherwise why not (checked once per process). */
    public static Optional<String> problem() {
        Optional<String> p = problem;
        if (p == null) {
            p = probe();
            problem = p;
        }
        return p;
    }

    /**
     * Whether charts can be drawn; the first time they cannot, logs one warning naming
     * {@code what} is left out and how to fix the runtime.
     */
    public static boolean availableFor(String what) {
        Optional<String> p = problem();
        if (p.isPresent() && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, what + " not written: this Java runtime cannot draw text (" + p.get()
                    + "); install the system's font libraries (Debian: fontconfig libfreetype6 libharfbuzz0b)"
                    + " or run a full JDK");
        }
        return p.isEmpty();
    }

    /** Tests: pretend the runtime has (or, with {@code null}, re-probe whether it has) this problem. */
    static void pretend(String why) {
        problem = why == null ? null : Optional.of(why);
        warned = false;
    }

    private static Optional<String> probe() {
        System.setProperty("java.awt.headless", "true");
        try {
            new Font(Font.SANS_SERIF, Font.PLAIN, 12).getLineMetrics("0", new FontRenderContext(null, true, true));
            return Optional.empty();
        } catch (LinkageError | java.awt.AWTError | InternalError e) { // native font libraries missing
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(message.lines().findFirst().orElse(message));
        }
    }
}
