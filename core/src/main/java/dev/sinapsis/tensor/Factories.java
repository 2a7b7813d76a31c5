package dev.sinapsis.tensor;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.Backends;
import dev.sinapsis.backend.Storage;
import dev.sinapsis.backend.View;

/** Creation of tensors: empty, constant, from host data, ranges, identity, transfer. */
final class Factories {
    private Factories() {
    }

    /** A contiguous tensor with uninitialised (backend-zeroed) contents. */
    static Tensor empty(Backend backend, Shape shape, DType dtype) {
        Storage s = backend.allocate(dtype, shape.numel());
        return new Tensor(backend, View.contiguous(s, shape), true);
    }

    /**
     * A contiguous tensor with unspecified contents (see {@code MemoryOps.allocateForOverwrite}): only
     * for a result the very next backend call writes element by element in full.
     */
    static Tensor emptyForOverwrite(Backend backend, Shape shape, DType dtype) {
        Storage s = backend.allocateForOverwrite(dtype, shape.numel());
        return new Tensor(backend, View.contiguous(s, shape), true);
    }

    static Tensor full(Shape shape, DType dtype, double value) {
        return full(Backends.current(), shape, dtype, value);
    }

    static Tensor full(Backend backend, Shape shape, DType dtype, double value) {
        Tensor t = empty(backend, shape, dtype);
        if (value != 0) {
            backend.fill(t.view(), value);
        }
        return t;
    }

    /** A 0-d constant with {@code like}'s dtype and backend, for scalar operands. */
    static Tensor scalarLike(Tensor like, double value) {
        return full(like.backend(), Shape.SCALAR, like.dtype(), value);
    }

    static Tensor of(DType dtype, Object data, int length, int[] shape) {
        Shape s = shape.length == 0 ? Shape.of(length) : Shape.of(shape);
        if (s.numel() != length) {
            throw new ShapeException("of: " + length + " values do not fill shape " + s + " ("
                    + s.numel() + " elements)");
        }
        Backend backend = Backends.current();
        return new Tensor(backend, View.contiguous(backend.upload(dtype, data), s), true);
    }

    static Tensor fromHost(Backend backend, DType dtype, Object data, Shape shape) {
        return new Tensor(backend, View.contiguous(backend.upload(dtype, data), shape), true);
    }

    static Tensor arange(double start, double end, double step, DType dtype) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        long n = (long) Math.max(0, Math.ceil((end - start) / step));
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException("arange: " + n + " elements is more than 2^31-1");
        }
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        Backend backend = Backends.current();
        Tensor f64 = fromHost(backend, DType.F64, values, Shape.of((int) n));
        return dtype == DType.F64 ? f64 : f64.to(dtype);
    }

    static Tensor eye(int n, DType dtype) {
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        Tensor f64 = fromHost(Backends.current(), DType.F64, values, Shape.of(n, n));
        return dtype == DType.F64 ? f64 : f64.to(dtype);
    }

    /** Copies {@code t} onto {@code target} through the host; differentiable. */
    static Tensor transfer(Tensor t, Backend target) {
        Tensor out = fromHost(target, t.dtype(), Host.download(t), t.shape());
        Backend source = t.backend();
        return dev.sinapsis.autograd.Autograd.record("to", out,
                (g, needs) -> new Tensor[] {g.to(source)}, t);
    }
}
