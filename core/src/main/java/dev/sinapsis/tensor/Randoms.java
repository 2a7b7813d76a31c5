package dev.sinapsis.tensor;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Distribution;

/** Seeded random tensors; every fill reserves its element count from the generator's counter. */
final class Randoms {
    private Randoms() {
    }

    static Tensor uniform(Generator gen, Shape shape, DType dtype, double low, double high) {
        Checks.floating("uniform", Tensor.scalar(0, dtype));
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform: needs low < high, got [" + low + ", " + high + ")");
        }
        return fill(gen, shape, dtype, Distribution.UNIFORM, low, high);
    }

    static Tensor normal(Generator gen, Shape shape, DType dtype, double mean, double std) {
        Checks.floating("normal", Tensor.scalar(0, dtype));
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: standard deviation must be >= 0, got " + std);
        }
        return fill(gen, shape, dtype, Distribution.NORMAL, mean, std);
    }

    static Tensor randint(Generator gen, Shape shape, long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: needs low < high, got [" + low + ", " + high + ")");
        }
        return fill(gen, shape, DType.I64, Distribution.RANDINT, low, high);
    }

    static Tensor bernoulli(Generator gen, Shape shape, DType dtype, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability must be in [0, 1], got " + p);
        }
        return fill(gen, shape, dtype, Distribution.BERNOULLI, p, 0);
    }

    private static Tensor fill(Generator gen, Shape shape, DType dtype, Distribution d, double a, double b) {
        Tensor out = Factories.empty(Backends.current(), shape, dtype);
        long offset = gen.reserve(shape.numel());
        out.backend().random(d, out.view(), gen.seed(), offset, a, b);
        return out;
    }
}
