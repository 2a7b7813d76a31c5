package dev.sinapsis.examples;

import java.nio.file.Path;

/**
 * The options of one {@code sinapsis run} call.
 *
 * @param epochs         training epochs, or {@code null} for the example's default
 * @param seed           seed of weights, batch order, dropout and teacher forcing
 * @param out            the output directory
 * @param teacherForcing the teacher-forcing ratio in [0, 1], or {@code null} for the default
 */
public record ExampleOptions(Integer epochs, long seed, Path out, Double teacherForcing) {
    /** The epochs, or {@code fallback} when none were given. */
    public int epochsOr(int fallback) {
        return epochs == null ? fallback : epochs;
    }
}
