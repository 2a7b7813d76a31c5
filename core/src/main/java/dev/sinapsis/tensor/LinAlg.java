package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.View;

/** Matrix multiplication with NumPy's rules and its derivative. */
final class LinAlg {
    private LinAlg() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        Checks.sameBackend("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException("matmul: " + a.shape() + " @ " + b.shape()
                    + ": both operands need at least one axis; use mul() for scalars");
        }
        Checks.sameDType("matmul", a, b);
        if (!a.dtype().isFloating()) {
            throw new DTypeException("matmul: dtype " + a.dtype() + " is not supported; use F32 or F64");
        }
        // 1-d operands become a row (left) or a column (right); the extra axis is dropped at the end
        Tensor a2 = a.rank() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.rank() == 1 ? b.unsqueeze(1) : b;
        Tensor out = matmulNd(a, b, a2, b2);
        if (a.rank() == 1) {
            out = out.squeeze(-2);
        }
        if (b.rank() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }

    private static Tensor matmulNd(Tensor origA, Tensor origB, Tensor a, Tensor b) {
        int m = a.dim(-2);
        int k = a.dim(-1);
        int k2 = b.dim(-2);
        int n = b.dim(-1);
        if (k != k2) {
            throw new ShapeException("matmul: " + origA.shape() + " @ " + origB.shape() + ": inner dimensions "
                    + k + " and " + k2 + " differ");
        }
        Shape batchA = Shape.of(java.util.Arrays.copyOf(a.shape().toArray(), a.rank() - 2));
        Shape batchB = Shape.of(java.util.Arrays.copyOf(b.shape().toArray(), b.rank() - 2));
        Shape batch;
        try {
            batch = Shape.broadcast(batchA, batchB, "matmul");
        } catch (ShapeException e) {
            throw new ShapeException("matmul: " + origA.shape() + " @ " + origB.shape()
                    + ": batch dimensions " + batchA + " and " + batchB + " cannot be broadcast");
        }
        View va = Views.broadcastView(a, withMatrix(batch, m, k));
        View vb = Views.broadcastView(b, withMatrix(batch, k, n));
        Tensor out = Factories.emptyForOverwrite(a.backend(), withMatrix(batch, m, n), a.dtype());
        a.backend().matmul(out.view(), va, vb);
        return Autograd.record("matmul", out, (g, needs) -> new Tensor[] {
            needs[0] ? Reductions.sumToShape(g.matmul(b.transpose(-1, -2)), a.shape()) : null,
            needs[1] ? Reductions.sumToShape(rightGradient(a, b, g), b.shape()) : null}, a, b);
    }

    /**
     * The gradient of the right operand, {@code a^T g}. When {@code b} is a transposed matrix (a
     * linear layer's {@code x @ W.t()}) it is computed as {@code (g^T a)^T}: a transposed view of a
     * row-major {@code [out, in]} product, so the transpose's backward hands {@code W} a contiguous
     * gradient, accumulated without a copy or a strided add, as PyTorch's {@code linear} does.
     */
    private static Tensor rightGradient(Tensor a, Tensor b, Tensor g) {
        if (a.rank() == 2 && b.rank() == 2 && isTransposedMatrix(b)) {
            return g.transpose(-1, -2).matmul(a).transpose(-1, -2);
        }
        return a.transpose(-1, -2).matmul(g);
    }

    private static boolean isTransposedMatrix(Tensor t) {
        int[] strides = t.view().strides();
        return !t.isContiguous() && t.dim(0) > 1 && t.dim(1) > 1 && strides[0] == 1 && strides[1] == t.dim(0);
    }

    private static Shape withMatrix(Shape batch, int rows, int cols) {
        int[] dims = java.util.Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return Shape.of(dims);
    }
}
