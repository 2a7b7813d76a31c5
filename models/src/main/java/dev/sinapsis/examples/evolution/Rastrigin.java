package dev.sinapsis.examples.evolution;

/**
 * The Rastrigin function {@code f(x) = 10 n + sum(x_i^2 - 10 cos(2 pi x_i))} on {@code [-5.12, 5.12]^n}:
 * a standard test of global optimisers, with its one global minimum {@code f(0) = 0} among about
 * {@code 11^n} local minima, near the integer points, where {@code f} is at least about 1.
 */
public final class Rastrigin {
    /** The half-width of the usual search box. */
    public static final double BOUND = 5.12;

    private Rastrigin() {
    }

    /** The function's value at {@code x}. */
    public static double value(double[] x) {
        double s = 10.0 * x.length;
        for (double v : x) {
            s += v * v - 10 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }
}
