package dev.sinapsis.backend;

/**
 * Random distributions of {@link RandomOps#random}. Parameters {@code a} and {@code b}:
 * UNIFORM in {@code [a, b)}; NORMAL with mean {@code a} and standard deviation {@code b};
 * BERNOULLI with probability {@code a} (output 1/0, or true/false for BOOL);
 * RANDINT in {@code [a, b)} for integer (or float) outputs.
 *
 * <p>The exact bits are defined by {@link dev.sinapsis.tensor.Philox}; every backend reproduces them.
 */
public enum Distribution {
    UNIFORM, NORMAL, BERNOULLI, RANDINT
}
