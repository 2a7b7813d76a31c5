package dev.sinapsis.examples;

import dev.sinapsis.models.ConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The options of one {@code sinapsis run} call.
 *
 * @param epochs         training epochs, or {@code null} for the example's default
 * @param seed           seed of weights, batch order, dropout and teacher forcing
 * @param out            the output directory
 * @param teacherForcing the teacher-forcing ratio in [0, 1], or {@code null} for the default
 * @param extras         the example's own options ({@link Example#extraOptions()}) by name with its
 *                       dashes ({@code "--current" -> "5"}); absent ones take the example's default
 */
public record ExampleOptions(Integer epochs, long seed, Path out, Double teacherForcing, Map<String, String> extras) {
    /** Copies {@code extras}. */
    public ExampleOptions {
        extras = Map.copyOf(extras);
    }

    /** Options without extras. */
    public ExampleOptions(Integer epochs, long seed, Path out, Double teacherForcing) {
        this(epochs, seed, out, teacherForcing, Map.of());
    }

    /** The epochs, or {@code fallback} when none were given. */
    public int epochsOr(int fallback) {
        return epochs == null ? fallback : epochs;
    }

    /**
     * The extra option {@code name} (e.g. {@code "--current"}) as a finite number in
     * {@code [min, max]}, or {@code fallback} when it was not given.
     *
     * @throws ConfigException if it is not a number or out of range
     */
    public double number(String name, double fallback, double min, double max) {
        String text = extras.get(name);
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new ConfigException(name + " must be in [" + plain(min) + ", " + plain(max) + "], got " + text);
        }
        return value;
    }

    /**
     * The extra option {@code name} as an integer in {@code [min, max]}, or {@code fallback} when
     * it was not given.
     *
     * @throws ConfigException if it is not an integer or out of range
     */
    public int integer(String name, int fallback, int min, int max) {
        String text = extras.get(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be an integer, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
