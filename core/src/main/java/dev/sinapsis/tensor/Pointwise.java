package dev.sinapsis.tensor;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.backend.ActivationOps;
import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.Capabilities;
import dev.sinapsis.backend.TernaryOp;
import dev.sinapsis.backend.UnaryOp;

/**
 * Elementwise ops and, next to each, its derivative. Broadcasting is done here with stride-0
 * views; gradients of broadcast operands are summed back to their shapes.
 */
final class Pointwise {
    private Pointwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        if (op == UnaryOp.NOT) {
            Checks.dtype(name, x, DType.BOOL, "input");
        } else if (op.floatOnly()) {
            Checks.floating(name, x);
        } else if (x.dtype() == DType.BOOL) {
            throw new DTypeException(name + ": not defined for BOOL; convert with .to(DType.I64) or use not()");
        }
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
        x.backend().unary(op, out.view(), x.view());
        if (!x.dtype().isFloating()) {
            return out;
        }
        return Autograd.record(name, out, (g, needs) -> new Tensor[] {unaryGrad(op, g, x, out)}, x);
    }

    /** d(op(x))/dx times the upstream gradient, written in tensor ops. */
    private static Tensor unaryGrad(UnaryOp op, Tensor g, Tensor x, Tensor y) {
        return switch (op) {
            case NEG -> g.neg();
            case ABS -> g.mul(x.sign());
            case SIGN, FLOOR, CEIL -> Tensor.zerosLike(g);
            case EXP -> g.mul(y);
            case EXPM1 -> g.mul(y.add(1));
            case LOG -> g.div(x);
            case LOG1P -> g.div(x.add(1));
            case SQRT -> g.mul(0.5).div(y);
            case RSQRT -> g.mul(y.mul(y).mul(y)).mul(-0.5);
            case RECIPROCAL -> g.mul(y.square()).neg();
            case SQUARE -> g.mul(x).mul(2);
            case SIN -> g.mul(x.cos());
            case COS -> g.mul(x.sin()).neg();
            case TANH -> g.mul(y.square().neg().add(1));
            case SIGMOID -> g.mul(y.mul(y.neg().add(1)));
            // PyTorch's threshold_backward: the gradient where x > 0, else 0 (not g * 0, which is NaN
            // for an infinite g); one comparison and one select instead of compare, convert, multiply
            case RELU -> reluGrad(g, x);
            case NOT -> throw new IllegalStateException("not is not differentiable");
        };
    }

    /**
     * ReLU's backward: the backend's one-pass {@code ActivationOps} when it has one and nothing records
     * (the composite stays differentiable for a gradient of a gradient), else the composite.
     */
    private static Tensor reluGrad(Tensor g, Tensor x) {
        var ops = Capabilities.find(x.backend(), ActivationOps.class);
        if (ops.isPresent() && !Autograd.isEnabled() && g.backend() == x.backend()
                && g.dtype() == x.dtype() && g.shape().equals(x.shape()) && x.numel() > 0) {
            Tensor gc = g.contiguous();
            Tensor xc = x.contiguous();
            Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
            ops.get().reluBackward(out.view(), gc.view(), xc.view());
            return out;
        }
        return where(x.gt(0), g, Factories.scalarLike(g, 0));
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = op.name().toLowerCase(java.util.Locale.ROOT);
        Checks.sameBackend(name, a, b);
        Checks.sameDType(name, a, b);
        if (op.isLogical()) {
            Checks.dtype(name, a, DType.BOOL, "operand");
        } else if (a.dtype() == DType.BOOL && !(op == BinaryOp.EQ || op == BinaryOp.NE)) {
            throw new DTypeException(name + ": not defined for BOOL operands; convert with .to(DType.I64)");
        }
        if (op == BinaryOp.POW) {
            Checks.floating(name, a);
        }
        Shape shape = Shape.broadcast(a.shape(), b.shape(), name);
        DType outType = op.isComparison() ? DType.BOOL : a.dtype();
        Tensor out = Factories.emptyForOverwrite(a.backend(), shape, outType);
        a.backend().binary(op, out.view(), Views.broadcastView(a, shape), Views.broadcastView(b, shape));
        if (op.isComparison() || op.isLogical() || !a.dtype().isFloating()) {
            return out;
        }
        return Autograd.record(name, out, (g, needs) -> binaryGrad(op, g, a, b, out, needs), a, b);
    }

    private static Tensor[] binaryGrad(BinaryOp op, Tensor g, Tensor a, Tensor b, Tensor y, boolean[] needs) {
        Tensor ga = null;
        Tensor gb = null;
        switch (op) {
            case ADD -> {
                ga = g;
                gb = g;
            }
            case SUB -> {
                ga = g;
                gb = needs[1] ? g.neg() : null;
            }
            case MUL -> {
                ga = needs[0] ? g.mul(b) : null;
                gb = needs[1] ? g.mul(a) : null;
            }
            case DIV -> {
                ga = needs[0] ? g.div(b) : null;
                gb = needs[1] ? g.mul(y).div(b).neg() : null;
            }
            case POW -> {
                ga = needs[0] ? g.mul(b).mul(a.pow(b.sub(1))) : null;
                gb = needs[1] ? g.mul(y).mul(a.log()) : null;
            }
            case MAX, MIN -> {
                // the winner takes the gradient; exact ties share it equally
                Tensor aWins = (op == BinaryOp.MAX ? a.gt(b) : a.lt(b)).to(g.dtype());
                Tensor tie = a.eq(b).to(g.dtype()).mul(0.5);
                ga = needs[0] ? g.mul(aWins.add(tie)) : null;
                gb = needs[1] ? g.mul(aWins.neg().add(1).sub(tie)) : null;
            }
            default -> throw new IllegalStateException(op + " has no gradient");
        }
        return new Tensor[] {
            needs[0] && ga != null ? Reductions.sumToShape(ga, a.shape()) : null,
            needs[1] && gb != null ? Reductions.sumToShape(gb, b.shape()) : null};
    }

    static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Checks.dtype("where", condition, DType.BOOL, "condition");
        Checks.sameBackend("where", condition, a);
        Checks.sameBackend("where", a, b);
        Checks.sameDType("where", a, b);
        Shape shape = Shape.broadcast(Shape.broadcast(condition.shape(), a.shape(), "where"), b.shape(), "where");
        Tensor out = Factories.emptyForOverwrite(a.backend(), shape, a.dtype());
        a.backend().ternary(TernaryOp.WHERE, out.view(), Views.broadcastView(condition, shape),
                Views.broadcastView(a, shape), Views.broadcastView(b, shape));
        if (!a.dtype().isFloating()) {
            return out;
        }
        return Autograd.record("where", out, (g, needs) -> {
            Tensor zero = Factories.scalarLike(g, 0);
            return new Tensor[] {
                null,
                needs[1] ? Reductions.sumToShape(where(condition, g, zero), a.shape()) : null,
                needs[2] ? Reductions.sumToShape(where(condition, zero, g), b.shape()) : null};
        }, condition, a, b);
    }

    static Tensor clamp(Tensor x, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        if (x.dtype() == DType.BOOL) {
            throw new DTypeException("clamp: not defined for BOOL");
        }
        Tensor lo = Factories.scalarLike(x, min);
        Tensor hi = Factories.scalarLike(x, max);
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), x.dtype());
        x.backend().ternary(TernaryOp.CLAMP, out.view(), x.view(),
                Views.broadcastView(lo, x.shape()), Views.broadcastView(hi, x.shape()));
        if (!x.dtype().isFloating()) {
            return out;
        }
        return Autograd.record("clamp", out,
                (g, needs) -> new Tensor[] {g.mul(x.ge(lo).and(x.le(hi)).to(g.dtype()))}, x);
    }

    static Tensor cast(Tensor x, DType target) {
        Tensor out = Factories.emptyForOverwrite(x.backend(), x.shape(), target);
        x.backend().copy(out.view(), x.view());
        if (!x.dtype().isFloating() || !target.isFloating()) {
            return out;
        }
        DType source = x.dtype();
        return Autograd.record("to", out, (g, needs) -> new Tensor[] {g.to(source)}, x);
    }
}
