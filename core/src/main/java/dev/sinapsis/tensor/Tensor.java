package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Engine;
import dev.sinapsis.autograd.Node;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.UnaryOp;
import dev.sinapsis.backend.View;
import java.util.List;

/**
 * An n-dimensional array on a {@link Backend}, with an optional place on the autograd tape.
 *
 * <p>A tensor is a strided {@link View} of a storage: views ({@link #reshape}, {@link #transpose},
 * {@link #slice}, {@link #expand} ...) share the storage and never copy. Ops are recorded on the
 * tape when any input {@link #requiresGrad()} and grad mode is on; {@link #backward()} then fills
 * {@link #grad()} of the leaves.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(new Generator(0), 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
 * Tensor loss = x.matmul(w).tanh().sum();
 * loss.backward();
 * System.out.println(w.grad());
 * }</pre>
 *
 * <p>Not thread-safe for concurrent mutation; distinct tensors may be used from distinct threads.
 */
public final class Tensor implements AutoCloseable {
    static {
        dev.sinapsis.spi.TensorInternals.install(new SpiBridge());
    }

    private Backend backend;
    private View view;
    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean closed;
    private boolean releasedByScope;
    /** The {@link MemoryScope} that releases this tensor, or {@code null}. */
    MemoryScope owner;

    /** Wraps a view; {@code owns} says whether this tensor takes over the caller's storage reference. */
    Tensor(Backend backend, View view, boolean owns) {
        this.backend = backend;
        this.view = view;
        if (!owns) {
            view.storage().retain();
        }
        MemoryScope.track(this);
    }

    // ---------------------------------------------------------------- factories

    /** Zeros of the given shape, F32. */
    public static Tensor zeros(int... shape) {
        return Factories.full(Shape.of(shape), DType.F32, 0);
    }

    /** Zeros of the given shape and dtype. */
    public static Tensor zeros(Shape shape, DType dtype) {
        return Factories.full(shape, dtype, 0);
    }

    /** Ones of the given shape, F32. */
    public static Tensor ones(int... shape) {
        return Factories.full(Shape.of(shape), DType.F32, 1);
    }

    /** Ones of the given shape and dtype. */
    public static Tensor ones(Shape shape, DType dtype) {
        return Factories.full(shape, dtype, 1);
    }

    /** Ones with the shape, dtype and backend of {@code like}. */
    public static Tensor onesLike(Tensor like) {
        return Factories.full(like.backend, like.shape(), like.dtype(), 1);
    }

    /** Zeros with the shape, dtype and backend of {@code like}. */
    public static Tensor zerosLike(Tensor like) {
        return Factories.full(like.backend, like.shape(), like.dtype(), 0);
    }

    /** Every element {@code value}, F32. */
    public static Tensor full(double value, int... shape) {
        return Factories.full(Shape.of(shape), DType.F32, value);
    }

    /** Every element {@code value}, of the given dtype. */
    public static Tensor full(Shape shape, DType dtype, double value) {
        return Factories.full(shape, dtype, value);
    }

    /** A 0-d F32 tensor. */
    public static Tensor scalar(double value) {
        return Factories.full(Shape.SCALAR, DType.F32, value);
    }

    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        return Factories.full(Shape.SCALAR, dtype, value);
    }

    /** F32 data (copied) with the given shape; with no shape, a 1-d tensor. */
    public static Tensor of(float[] data, int... shape) {
        return Factories.of(DType.F32, data, data.length, shape);
    }

    /** F64 data (copied) with the given shape; with no shape, a 1-d tensor. */
    public static Tensor of(double[] data, int... shape) {
        return Factories.of(DType.F64, data, data.length, shape);
    }

    /** I32 data (copied) with the given shape; with no shape, a 1-d tensor. */
    public static Tensor of(int[] data, int... shape) {
        return Factories.of(DType.I32, data, data.length, shape);
    }

    /** I64 data (copied) with the given shape; with no shape, a 1-d tensor. */
    public static Tensor of(long[] data, int... shape) {
        return Factories.of(DType.I64, data, data.length, shape);
    }

    /** BOOL data (copied) with the given shape; with no shape, a 1-d tensor. */
    public static Tensor of(boolean[] data, int... shape) {
        return Factories.of(DType.BOOL, data, data.length, shape);
    }

    /** {@code [0, 1, ..., n-1]} as I64. */
    public static Tensor arange(int n) {
        return Factories.arange(0, n, 1, DType.I64);
    }

    /** {@code start, start+step, ...} below {@code end} (above, for a negative step), of the given dtype. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Factories.arange(start, end, step, dtype);
    }

    /** The {@code n x n} identity, F32. */
    public static Tensor eye(int n) {
        return Factories.eye(n, DType.F32);
    }

    /** Uniform in {@code [0, 1)}, F32, from {@code gen}. */
    public static Tensor rand(Generator gen, int... shape) {
        return Randoms.uniform(gen, Shape.of(shape), DType.F32, 0, 1);
    }

    /** Uniform in {@code [low, high)} of the given dtype, from {@code gen}. */
    public static Tensor uniform(Generator gen, Shape shape, DType dtype, double low, double high) {
        return Randoms.uniform(gen, shape, dtype, low, high);
    }

    /** Standard normal, F32, from {@code gen}. */
    public static Tensor randn(Generator gen, int... shape) {
        return Randoms.normal(gen, Shape.of(shape), DType.F32, 0, 1);
    }

    /** Normal with the given mean and standard deviation and dtype, from {@code gen}. */
    public static Tensor normal(Generator gen, Shape shape, DType dtype, double mean, double std) {
        return Randoms.normal(gen, shape, dtype, mean, std);
    }

    /** Integers uniform in {@code [low, high)}, I64, from {@code gen}. */
    public static Tensor randint(Generator gen, long low, long high, int... shape) {
        return Randoms.randint(gen, Shape.of(shape), low, high);
    }

    /** 1 with probability {@code p}, else 0, of the given dtype, from {@code gen}. */
    public static Tensor bernoulli(Generator gen, Shape shape, DType dtype, double p) {
        return Randoms.bernoulli(gen, shape, dtype, p);
    }

    /** Reseeds the process-wide generator used by {@link Generator#global()}. */
    public static void manualSeed(long seed) {
        Generator.setGlobalSeed(seed);
    }

    // ---------------------------------------------------------------- properties

    /** The shape. */
    public Shape shape() {
        return view.shape();
    }

    /** Size of dimension {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return view.shape().dim(axis);
    }

    /** Number of dimensions. */
    public int rank() {
        return view.rank();
    }

    /** Number of elements. */
    public int numel() {
        return view.numel();
    }

    /** Element type. */
    public DType dtype() {
        return view.dtype();
    }

    /** The device the storage lives on. */
    public Device device() {
        return backend.device();
    }

    /** The backend computing on this tensor. */
    public Backend backend() {
        return backend;
    }

    /** The strided view handed to kernels (op and backend authors: {@link dev.sinapsis.spi.TensorInternals#view}). */
    View view() {
        checkOpen();
        return view;
    }

    /** True when the elements are row-major with no gaps. */
    public boolean isContiguous() {
        return view.isContiguous();
    }

    // ---------------------------------------------------------------- autograd

    /** Whether gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as needing a gradient (F32/F64 only); returns this. */
    public Tensor requiresGrad(boolean on) {
        if (on && !dtype().isFloating()) {
            throw new DTypeException("requiresGrad: only F32 and F64 tensors can require gradients, this is " + dtype());
        }
        if (!on && gradFn != null) {
            throw new IllegalStateException("requiresGrad(false) on a tensor computed by '" + gradFn.name()
                    + "'; use detach() instead");
        }
        requiresGrad = on;
        return this;
    }

    /** Keeps this non-leaf tensor's gradient in {@link #grad()} after backward; returns this. */
    public Tensor retainGrad() {
        retainGrad = true;
        return this;
    }

    /** Whether {@link #retainGrad()} was called. */
    public boolean retainsGrad() {
        return retainGrad;
    }

    /** The accumulated gradient, or {@code null} before any backward reached this tensor. */
    public Tensor grad() {
        return grad;
    }

    /**
     * Replaces the gradient (e.g. by an optimizer that clips it). This tensor keeps its own handle
     * of {@code g}'s storage, owned like this tensor (a parameter's gradient outlives the step's
     * {@link MemoryScope}); the previous gradient's handle is released.
     */
    public void setGrad(Tensor g) {
        Tensor old = grad;
        grad = g == null ? null : ownGrad(g.detach());
        if (old != null) {
            old.close();
        }
    }

    /**
     * Clears the accumulated gradient and releases it: a handle returned by {@link #grad()} earlier
     * is closed (call {@code detach()} on it to keep the values).
     */
    public void zeroGrad() {
        setGrad(null);
    }

    /** Gives a gradient tensor the same owner as this tensor. */
    private Tensor ownGrad(Tensor g) {
        MemoryScope.moveTo(g, owner);
        return g;
    }

    /** The tape entry that produced this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** True when no recorded op produced this tensor. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Marks this tensor as an op's output ({@link dev.sinapsis.spi.TensorInternals#attachGradFn}). */
    void attachGradFn(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    /** Adds {@code g} to the stored gradient ({@link dev.sinapsis.spi.TensorInternals#accumulateGrad}). */
    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = ownGrad(g.contiguous().detach());
        } else {
            Tensor old = grad;
            grad = ownGrad(old.add(g));
            old.close();
        }
    }

    /** Backpropagates from this scalar: fills {@link #grad()} of every leaf that requires it. */
    public void backward() {
        Engine.backward(this, null, false);
    }

    /** Backpropagates {@code gradient} (the loss's gradient with respect to this tensor). */
    public void backward(Tensor gradient) {
        Engine.backward(this, gradient, false);
    }

    /** As {@link #backward(Tensor)}; with {@code retainGraph} the tape can be walked again. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.backward(this, gradient, retainGraph);
    }

    /** The same data, cut off from the tape (shares storage, does not require grad). */
    public Tensor detach() {
        return new Tensor(backend, view, false);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Pointwise.binary(BinaryOp.ADD, this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return Pointwise.binary(BinaryOp.ADD, this, Factories.scalarLike(this, value));
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Pointwise.binary(BinaryOp.SUB, this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return Pointwise.binary(BinaryOp.SUB, this, Factories.scalarLike(this, value));
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return Pointwise.binary(BinaryOp.MUL, this, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return Pointwise.binary(BinaryOp.MUL, this, Factories.scalarLike(this, value));
    }

    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return Pointwise.binary(BinaryOp.DIV, this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return Pointwise.binary(BinaryOp.DIV, this, Factories.scalarLike(this, value));
    }

    /** {@code this ^ exponent}, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Pointwise.binary(BinaryOp.POW, this, exponent);
    }

    /** {@code this ^ exponent}. */
    public Tensor pow(double exponent) {
        return Pointwise.binary(BinaryOp.POW, this, Factories.scalarLike(this, exponent));
    }

    /** Elementwise maximum, broadcasting (NaN propagates). */
    public Tensor maximum(Tensor other) {
        return Pointwise.binary(BinaryOp.MAX, this, other);
    }

    /** Elementwise minimum, broadcasting (NaN propagates). */
    public Tensor minimum(Tensor other) {
        return Pointwise.binary(BinaryOp.MIN, this, other);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Pointwise.unary(UnaryOp.NEG, this);
    }

    /** {@code |this|}. */
    public Tensor abs() {
        return Pointwise.unary(UnaryOp.ABS, this);
    }

    /** -1, 0 or 1. */
    public Tensor sign() {
        return Pointwise.unary(UnaryOp.SIGN, this);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return Pointwise.unary(UnaryOp.EXP, this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return Pointwise.unary(UnaryOp.LOG, this);
    }

    /** {@code log(1 + this)}, accurate near 0. */
    public Tensor log1p() {
        return Pointwise.unary(UnaryOp.LOG1P, this);
    }

    /** {@code e^this - 1}, accurate near 0. */
    public Tensor expm1() {
        return Pointwise.unary(UnaryOp.EXPM1, this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return Pointwise.unary(UnaryOp.SQRT, this);
    }

    /** {@code 1 / sqrt(this)}. */
    public Tensor rsqrt() {
        return Pointwise.unary(UnaryOp.RSQRT, this);
    }

    /** {@code 1 / this}. */
    public Tensor reciprocal() {
        return Pointwise.unary(UnaryOp.RECIPROCAL, this);
    }

    /** {@code this * this}. */
    public Tensor square() {
        return Pointwise.unary(UnaryOp.SQUARE, this);
    }

    /** Sine. */
    public Tensor sin() {
        return Pointwise.unary(UnaryOp.SIN, this);
    }

    /** Cosine. */
    public Tensor cos() {
        return Pointwise.unary(UnaryOp.COS, this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Pointwise.unary(UnaryOp.TANH, this);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-this)}, stable for large magnitudes. */
    public Tensor sigmoid() {
        return Pointwise.unary(UnaryOp.SIGMOID, this);
    }

    /** {@code max(this, 0)}. */
    public Tensor relu() {
        return Pointwise.unary(UnaryOp.RELU, this);
    }

    /** Round down. */
    public Tensor floor() {
        return Pointwise.unary(UnaryOp.FLOOR, this);
    }

    /** Round up. */
    public Tensor ceil() {
        return Pointwise.unary(UnaryOp.CEIL, this);
    }

    /** Logical not of a BOOL tensor. */
    public Tensor not() {
        return Pointwise.unary(UnaryOp.NOT, this);
    }

    /** Limits every element to {@code [min, max]}. */
    public Tensor clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    /** {@code this < other} as BOOL. */
    public Tensor lt(Tensor other) {
        return Pointwise.binary(BinaryOp.LT, this, other);
    }

    /** {@code this < value} as BOOL. */
    public Tensor lt(double value) {
        return lt(Factories.scalarLike(this, value));
    }

    /** {@code this <= other} as BOOL. */
    public Tensor le(Tensor other) {
        return Pointwise.binary(BinaryOp.LE, this, other);
    }

    /** {@code this <= value} as BOOL. */
    public Tensor le(double value) {
        return le(Factories.scalarLike(this, value));
    }

    /** {@code this > other} as BOOL. */
    public Tensor gt(Tensor other) {
        return Pointwise.binary(BinaryOp.GT, this, other);
    }

    /** {@code this > value} as BOOL. */
    public Tensor gt(double value) {
        return gt(Factories.scalarLike(this, value));
    }

    /** {@code this >= other} as BOOL. */
    public Tensor ge(Tensor other) {
        return Pointwise.binary(BinaryOp.GE, this, other);
    }

    /** {@code this >= value} as BOOL. */
    public Tensor ge(double value) {
        return ge(Factories.scalarLike(this, value));
    }

    /** {@code this == other} as BOOL. */
    public Tensor eq(Tensor other) {
        return Pointwise.binary(BinaryOp.EQ, this, other);
    }

    /** {@code this == value} as BOOL. */
    public Tensor eq(double value) {
        return eq(Factories.scalarLike(this, value));
    }

    /** {@code this != other} as BOOL. */
    public Tensor ne(Tensor other) {
        return Pointwise.binary(BinaryOp.NE, this, other);
    }

    /** {@code this != value} as BOOL. */
    public Tensor ne(double value) {
        return ne(Factories.scalarLike(this, value));
    }

    /** Logical and of BOOL tensors. */
    public Tensor and(Tensor other) {
        return Pointwise.binary(BinaryOp.AND, this, other);
    }

    /** Logical or of BOOL tensors. */
    public Tensor or(Tensor other) {
        return Pointwise.binary(BinaryOp.OR, this, other);
    }

    /** {@code condition ? a : b} elementwise, broadcasting all three. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return Pointwise.where(condition, a, b);
    }

    /** {@code condition ? a : b} with a scalar {@code b}. */
    public static Tensor where(Tensor condition, Tensor a, double b) {
        return Pointwise.where(condition, a, Factories.scalarLike(a, b));
    }

    /** A copy converted to {@code target} (differentiable between F32 and F64). */
    public Tensor to(DType target) {
        return target == dtype() ? this : Pointwise.cast(this, target);
    }

    /** A copy on another backend (or this tensor when already there). */
    public Tensor to(Backend target) {
        return target == backend ? this : Factories.transfer(this, target);
    }

    /** A copy on the backend named {@code backendName}, e.g. {@code "cpu"}. */
    public Tensor to(String backendName) {
        return to(Backends.get(backendName));
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /** Sum over {@code axis}, dropping it. */
    public Tensor sum(int axis) {
        return Reductions.sum(this, new int[] {axis}, false);
    }

    /**
     * Cumulative sum along {@code axis} ({@code torch.cumsum}): element {@code i} is the sum of
     * elements {@code 0..i}. BOOL and I32 give I64; differentiable for F32/F64.
     */
    public Tensor cumsum(int axis) {
        return Scans.cumsum(this, axis);
    }

    /** Sum over {@code axes}; with {@code keepDim} the reduced axes stay with size 1. */
    public Tensor sum(int[] axes, boolean keepDim) {
        return Reductions.sum(this, axes, keepDim);
    }

    /** Mean of all elements (0-d). */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /** Mean over {@code axis}, dropping it. */
    public Tensor mean(int axis) {
        return Reductions.mean(this, new int[] {axis}, false);
    }

    /** Mean over {@code axes}, optionally keeping them with size 1. */
    public Tensor mean(int[] axes, boolean keepDim) {
        return Reductions.mean(this, axes, keepDim);
    }

    /** Largest element (0-d). Its gradient is shared equally among tied maxima. */
    public Tensor max() {
        return Reductions.extreme(this, null, false, true);
    }

    /** Largest element over {@code axis}, dropping it. */
    public Tensor max(int axis) {
        return Reductions.extreme(this, new int[] {axis}, false, true);
    }

    /** Largest element over {@code axes}, optionally keeping them with size 1. */
    public Tensor max(int[] axes, boolean keepDim) {
        return Reductions.extreme(this, axes, keepDim, true);
    }

    /** Smallest element (0-d). */
    public Tensor min() {
        return Reductions.extreme(this, null, false, false);
    }

    /** Smallest element over {@code axis}, dropping it. */
    public Tensor min(int axis) {
        return Reductions.extreme(this, new int[] {axis}, false, false);
    }

    /** Smallest element over {@code axes}, optionally keeping them with size 1. */
    public Tensor min(int[] axes, boolean keepDim) {
        return Reductions.extreme(this, axes, keepDim, false);
    }

    /** Flat (row-major) index of the largest element, I64 0-d; the first on ties. */
    public Tensor argmax() {
        return Reductions.arg(this, null, false, true);
    }

    /** Index of the largest element along {@code axis}, I64. */
    public Tensor argmax(int axis, boolean keepDim) {
        return Reductions.arg(this, axis, keepDim, true);
    }

    /** Flat (row-major) index of the smallest element, I64 0-d; the first on ties. */
    public Tensor argmin() {
        return Reductions.arg(this, null, false, false);
    }

    /** Index of the smallest element along {@code axis}, I64. */
    public Tensor argmin(int axis, boolean keepDim) {
        return Reductions.arg(this, axis, keepDim, false);
    }

    /** Variance over {@code axes} with Bessel's correction when {@code unbiased}. */
    public Tensor var(int[] axes, boolean unbiased, boolean keepDim) {
        return Reductions.var(this, axes, unbiased ? 1 : 0, keepDim);
    }

    /** Unbiased variance of all elements. */
    public Tensor var() {
        return Reductions.var(this, null, 1, false);
    }

    /** Standard deviation over {@code axes} with Bessel's correction when {@code unbiased}. */
    public Tensor std(int[] axes, boolean unbiased, boolean keepDim) {
        return Reductions.var(this, axes, unbiased ? 1 : 0, keepDim).sqrt();
    }

    /** Unbiased standard deviation of all elements. */
    public Tensor std() {
        return var().sqrt();
    }

    /** {@code log(sum(exp(this)))} over {@code axes}, computed stably (shifted by the maximum). */
    public Tensor logsumexp(int[] axes, boolean keepDim) {
        return Reductions.logsumexp(this, axes, keepDim);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with NumPy semantics: 1-d operands are promoted to a row (left) or column
     * (right) and the added axis is removed; leading batch axes broadcast.
     */
    public Tensor matmul(Tensor other) {
        return LinAlg.matmul(this, other);
    }

    // ---------------------------------------------------------------- views and joins

    /** Same data in a new shape (one size may be -1); a view when the strides allow, else a copy. */
    public Tensor reshape(int... shape) {
        return Views.reshape(this, shape, false);
    }

    /** Same data in a new shape; never copies, throws when the strides do not allow a view. */
    public Tensor view(int... shape) {
        return Views.reshape(this, shape, true);
    }

    /** Swaps two axes (a view). */
    public Tensor transpose(int axis0, int axis1) {
        return Views.transpose(this, axis0, axis1);
    }

    /** The transpose of a 2-d tensor (a view). */
    public Tensor t() {
        if (rank() != 2) {
            throw new ShapeException("t: expects a 2-d tensor, got shape " + shape() + "; use transpose(a, b)");
        }
        return transpose(0, 1);
    }

    /** Reorders the axes (a view): axis {@code i} of the result is axis {@code order[i]} of this. */
    public Tensor permute(int... order) {
        return Views.permute(this, order);
    }

    /** Elements {@code [start, end)} along {@code axis} (a view); negative bounds count from the end. */
    public Tensor slice(int axis, int start, int end) {
        return Views.slice(this, axis, start, end, 1);
    }

    /** Every {@code step}-th element of {@code [start, end)} along {@code axis} (a view). */
    public Tensor slice(int axis, int start, int end, int step) {
        return Views.slice(this, axis, start, end, step);
    }

    /** {@code length} elements from {@code start} along {@code axis} (a view). */
    public Tensor narrow(int axis, int start, int length) {
        return Views.slice(this, axis, start, start + length, 1);
    }

    /** Index {@code index} of {@code axis}, removing the axis (a view). */
    public Tensor select(int axis, int index) {
        return Views.select(this, axis, index);
    }

    /** Broadcasts size-1 axes (and new leading axes) to {@code shape} without copying; -1 keeps a size. */
    public Tensor expand(int... shape) {
        return Views.expand(this, shape);
    }

    /** Removes every size-1 axis (a view). */
    public Tensor squeeze() {
        return Views.squeeze(this, null);
    }

    /** Removes axis {@code axis} if its size is 1 (a view). */
    public Tensor squeeze(int axis) {
        return Views.squeeze(this, axis);
    }

    /** Inserts a size-1 axis at {@code axis} (a view). */
    public Tensor unsqueeze(int axis) {
        return Views.unsqueeze(this, axis);
    }

    /** All axes flattened into one. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Axes {@code startAxis..endAxis} (inclusive) flattened into one. */
    public Tensor flatten(int startAxis, int endAxis) {
        return Views.flatten(this, startAxis, endAxis);
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return Views.contiguous(this);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return Views.concat(axis, List.of(tensors));
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, List<Tensor> tensors) {
        return Views.concat(axis, tensors);
    }

    /** Joins equally shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) {
        return Views.stack(axis, List.of(tensors));
    }

    /** Joins equally shaped tensors along a new axis. */
    public static Tensor stack(int axis, List<Tensor> tensors) {
        return Views.stack(axis, tensors);
    }

    /** Views of {@code size} elements along {@code axis} (the last may be smaller). */
    public List<Tensor> split(int size, int axis) {
        return Views.split(this, size, axis);
    }

    /**
     * The slices along {@code axis} as views, that axis removed (PyTorch's {@code unbind}). Unlike
     * {@code select} in a loop, the backward assembles the slices' gradients in one buffer, so
     * iterating over the steps of a sequence costs no full-size gradient per step.
     */
    public List<Tensor> unbind(int axis) {
        return Unbind.unbind(this, axis);
    }

    /** {@code chunks} views along {@code axis}, as equal as possible (the last may be smaller). */
    public List<Tensor> chunk(int chunks, int axis) {
        return Views.chunk(this, chunks, axis);
    }

    // ---------------------------------------------------------------- indexing

    /** {@code out[i][j] = this[i][index[i][j]]} along {@code axis} (PyTorch's gather). */
    public Tensor gather(int axis, Tensor index) {
        return Indexing.gather(this, axis, index);
    }

    /** A copy of this with {@code src} added at {@code index} along {@code axis} (PyTorch's scatter_add). */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, axis, index, src);
    }

    /** The entries {@code index} (1-d, integer) of {@code axis}. */
    public Tensor indexSelect(int axis, Tensor index) {
        return Indexing.indexSelect(this, axis, index);
    }

    /** For an integer tensor of class ids, a new last axis of size {@code numClasses} with a 1 at the id (I64). */
    public Tensor oneHot(int numClasses) {
        return Indexing.oneHot(this, numClasses);
    }

    /** A copy with {@code value} where the BOOL {@code mask} (broadcast) is true. */
    public Tensor maskedFill(Tensor mask, double value) {
        return Indexing.maskedFill(this, mask, value);
    }

    // ---------------------------------------------------------------- in place

    /** Copies {@code src} (broadcast, converted) into this tensor's elements; not recorded on the tape. */
    public Tensor copyFrom(Tensor src) {
        InPlace.copy(this, src);
        return this;
    }

    /** Sets every element to {@code value}; not recorded on the tape. */
    public Tensor fill(double value) {
        InPlace.fill(this, value);
        return this;
    }

    /** {@code this += alpha * other} in place; not recorded on the tape. */
    public Tensor addInPlace(Tensor other, double alpha) {
        InPlace.copy(this, alpha == 1 ? this.detach().add(other) : this.detach().add(other.mul(alpha)));
        return this;
    }

    // ---------------------------------------------------------------- host access

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new ShapeException("item: expects a tensor with one element, got shape " + shape());
        }
        return Host.toDoubles(this)[0];
    }

    /** All elements in row-major order, converted to float. */
    public float[] toFloatArray() {
        return Host.toFloats(this);
    }

    /** All elements in row-major order, converted to double. */
    public double[] toDoubleArray() {
        return Host.toDoubles(this);
    }

    /** All elements in row-major order, converted to long. */
    public long[] toLongArray() {
        return Host.toLongs(this);
    }

    /** All elements of a BOOL tensor in row-major order. */
    public boolean[] toBooleanArray() {
        return (boolean[]) Host.download(to(DType.BOOL));
    }

    /**
     * Moves this tensor's data to {@code target} in place: the storage is replaced by a copy on
     * {@code target} and the old one released, so every holder of this object (a layer's field, an
     * optimizer) sees the new device. Views made earlier keep the old storage. Used by
     * {@code Module.to}; returns this.
     */
    Tensor moveTo(Backend target) {
        checkOpen();
        if (target == backend) {
            return this;
        }
        Tensor copy = Factories.fromHost(target, dtype(), Host.download(this), shape());
        View old = view;
        view = copy.view;
        backend = target;
        view.storage().retain();
        copy.close();
        old.storage().release();
        if (owner == null) {
            MemoryScope.safetyNet(this);
        }
        if (grad != null) {
            grad.moveTo(target);
        }
        return this;
    }

    /** Releases this tensor's reference to its storage; using it afterwards is an error. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            view.storage().release();
        }
    }

    /** Called by {@link MemoryScope#close()}. */
    void releaseByScope() {
        if (!closed) {
            releasedByScope = true;
            close();
        }
    }

    /** True once {@link #close()} (or the end of its {@link MemoryScope}) released this tensor. */
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("use of a closed tensor of shape " + shape() + (releasedByScope
                    ? ": it was released when its MemoryScope closed; keep() it (or read it) before the scope ends"
                    : ""));
        }
    }

    /** Values, shape and dtype, abbreviated with "..." for large tensors. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
