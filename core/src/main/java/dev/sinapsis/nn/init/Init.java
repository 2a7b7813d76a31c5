package dev.sinapsis.nn.init;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;

/**
 * Weight initialisers with PyTorch's formulas ({@code torch.nn.init}). Each returns a new tensor
 * drawn from an explicit {@link Generator}; {@link #assign} copies one into an existing parameter.
 *
 * <pre>{@code
 * Generator g = new Generator(42);
 * Init.assign(linear.weight(), Init.kaimingUniform(g, linear.weight().shape(), DType.F32,
 *         0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU));
 * }</pre>
 *
 * <p>Fans follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight of shape
 * {@code [out, in, k1, k2, ...]}, {@code fanIn = in * k1 * k2 ...} and
 * {@code fanOut = out * k1 * k2 ...}; tensors of rank below 2 have no fans.
 */
public final class Init {
    private Init() {
    }

    /** Which fan a Kaiming initialiser preserves the variance of. */
    public enum FanMode {
        /** Preserves the variance of activations in the forward pass. */
        FAN_IN,
        /** Preserves the variance of gradients in the backward pass. */
        FAN_OUT
    }

    /** Nonlinearities with a recommended gain ({@link #gain}). */
    public enum Nonlinearity {
        /** Gain 1. */
        LINEAR,
        /** Gain 1. */
        SIGMOID,
        /** Gain 5/3. */
        TANH,
        /** Gain sqrt 2. */
        RELU,
        /** Gain {@code sqrt(2 / (1 + a^2))} for negative slope {@code a}. */
        LEAKY_RELU,
        /** Gain 3/4. */
        SELU
    }

    /** Fan-in and fan-out of a weight shape. */
    public record Fans(int fanIn, int fanOut) {
    }

    /** The fans of {@code shape}; rank must be at least 2. */
    public static Fans fans(Shape shape) {
        if (shape.rank() < 2) {
            throw new ShapeException("Init: fan in and fan out can not be computed for a tensor with fewer than 2 "
                    + "dimensions, got shape " + shape);
        }
        int receptive = 1;
        for (int i = 2; i < shape.rank(); i++) {
            receptive *= shape.dim(i);
        }
        return new Fans(shape.dim(1) * receptive, shape.dim(0) * receptive);
    }

    /** The recommended gain of a nonlinearity; {@code param} is the leaky-ReLU slope (ignored otherwise). */
    public static double gain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> Math.sqrt(2 / (1 + param * param));
            case SELU -> 0.75;
        };
    }

    /** Glorot/Xavier uniform: {@code U(-b, b)} with {@code b = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform(Generator gen, Shape shape, DType dtype, double gain) {
        Fans f = fans(shape);
        double bound = gain * Math.sqrt(6.0 / (f.fanIn() + f.fanOut()));
        return uniform(gen, shape, dtype, bound);
    }

    /** Glorot/Xavier normal: {@code N(0, std^2)} with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal(Generator gen, Shape shape, DType dtype, double gain) {
        Fans f = fans(shape);
        return Tensor.normal(gen, shape, dtype, 0, gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut())));
    }

    /**
     * He/Kaiming uniform: {@code U(-b, b)} with {@code b = gain * sqrt(3 / fan)}, {@code gain}
     * from {@link #gain(Nonlinearity, double)} with slope {@code a}.
     */
    public static Tensor kaimingUniform(Generator gen, Shape shape, DType dtype, double a, FanMode mode,
                                        Nonlinearity nonlinearity) {
        double std = gain(nonlinearity, a) / Math.sqrt(fan(shape, mode));
        return uniform(gen, shape, dtype, Math.sqrt(3) * std);
    }

    /** He/Kaiming normal: {@code N(0, std^2)} with {@code std = gain / sqrt(fan)}. */
    public static Tensor kaimingNormal(Generator gen, Shape shape, DType dtype, double a, FanMode mode,
                                       Nonlinearity nonlinearity) {
        double std = gain(nonlinearity, a) / Math.sqrt(fan(shape, mode));
        return Tensor.normal(gen, shape, dtype, 0, std);
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, of a shape of rank at least 2 viewed as
     * {@code [shape[0], rest]}: rows are orthonormal when there are fewer rows than columns,
     * columns otherwise. Computed as in PyTorch: the Q of a QR decomposition of a standard normal
     * matrix, with signs fixed by R's diagonal (Householder QR on the host, in double).
     */
    public static Tensor orthogonal(Generator gen, Shape shape, DType dtype, double gain) {
        if (shape.rank() < 2) {
            throw new ShapeException("Init.orthogonal: only tensors with 2 or more dimensions are supported, got "
                    + shape);
        }
        int rows = shape.dim(0);
        int cols = shape.numel() / rows;
        double[] a = Tensor.normal(gen, Shape.of(rows, cols), DType.F64, 0, 1).toDoubleArray();
        boolean wide = rows < cols;
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[][] tall = new double[m][n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (wide) {
                    tall[j][i] = a[i * cols + j];
                } else {
                    tall[i][j] = a[i * cols + j];
                }
            }
        }
        double[][] q = Householder.orthonormalColumns(tall);
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = gain * (wide ? q[j][i] : q[i][j]);
            }
        }
        return Tensor.of(out, shape.toArray()).to(dtype);
    }

    /** Zeros. */
    public static Tensor zeros(Shape shape, DType dtype) {
        return Tensor.zeros(shape, dtype);
    }

    /** Ones. */
    public static Tensor ones(Shape shape, DType dtype) {
        return Tensor.ones(shape, dtype);
    }

    /** Every element {@code value}. */
    public static Tensor constant(Shape shape, DType dtype, double value) {
        return Tensor.full(shape, dtype, value);
    }

    /**
     * Copies {@code value} into {@code target} (e.g. a module's parameter) in place, off the tape,
     * so references to the parameter stay valid. Returns {@code target}.
     */
    public static Tensor assign(Tensor target, Tensor value) {
        if (!target.shape().equals(value.shape())) {
            throw new ShapeException("Init.assign: value of shape " + value.shape() + " does not fit target "
                    + target.shape());
        }
        try (var ignored = Autograd.noGrad()) {
            target.copyFrom(value.detach().to(target.backend()).to(target.dtype()));
        }
        return target;
    }

    private static int fan(Shape shape, FanMode mode) {
        Fans f = fans(shape);
        return mode == FanMode.FAN_IN ? f.fanIn() : f.fanOut();
    }

    private static Tensor uniform(Generator gen, Shape shape, DType dtype, double bound) {
        if (bound == 0) {
            return Tensor.zeros(shape, dtype);
        }
        return Tensor.uniform(gen, shape, dtype, -bound, bound);
    }
}
