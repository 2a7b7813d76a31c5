package dev.sinapsis.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** One runnable example of {@code sinapsis run}. */
public interface Example {
    /** The name on the command line ({@code sinapsis run NAME}). */
    String name();

    /** One line for {@code sinapsis run --list}. */
    String summary();

    /**
     * The extra options it accepts besides the common ones (e.g. {@code --teacher-forcing}); each
     * takes one value, which reaches the example in {@link ExampleOptions#extras()}.
     */
    default java.util.Set<String> extraOptions() {
        return java.util.Set.of();
    }

    /**
     * Whether it computes with tensors, so that {@code --backend} applies; an example that only
     * simulates on the host (plain Java arithmetic) says {@code false} and rejects the option.
     */
    default boolean usesTensors() {
        return true;
    }

    /**
     * Runs the example with {@code options} on the current backend, printing its progress and figures
     * to {@code out} and writing {@code summary.json} and its pictures into {@code options.out()}.
     *
     * @return the summary (also written as {@code summary.json})
     */
    Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException;
}
