package dev.sinapsis.nn.functional;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;

/**
 * Loss functions with PyTorch's semantics ({@code torch.nn.functional}), composed from tensor
 * ops. Each takes a {@link Reduction}; the overloads without one use {@link Reduction#MEAN}.
 *
 * <pre>{@code
 * Tensor loss = Losses.crossEntropy(logits, labels);          // logits [N, C], labels [N] integer
 * Tensor bce = Losses.bceWithLogits(scores, targets, Reduction.SUM);
 * }</pre>
 */
public final class Losses {
    private Losses() {
    }

    /** Mean squared error. */
    public static Tensor mse(Tensor input, Tensor target) {
        return mse(input, target, Reduction.MEAN);
    }

    /** Squared error {@code (input - target)^2}, reduced. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        sameShape("mse", input, target);
        return reduction.apply(input.sub(target).square());
    }

    /** Binary cross-entropy of probabilities, mean-reduced. */
    public static Tensor bce(Tensor probs, Tensor target) {
        return bce(probs, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy {@code -(y log p + (1 - y) log(1 - p))} of probabilities {@code p} in
     * {@code [0, 1]}. As in PyTorch each log is clamped to at least -100, so {@code p = 0} or
     * {@code 1} gives a finite loss, and the input gradient is
     * {@code (p - y) / max(p (1 - p), 1e-12)}.
     */
    public static Tensor bce(Tensor probs, Tensor target, Reduction reduction) {
        sameShape("bce", probs, target);
        Tensor logP;
        Tensor log1mP;
        Tensor out;
        try (var ignored = Autograd.noGrad()) {
            Tensor p = probs.detach();
            Tensor y = target.detach();
            logP = p.log().clamp(-100, Double.POSITIVE_INFINITY);
            log1mP = p.neg().log1p().clamp(-100, Double.POSITIVE_INFINITY);
            out = y.mul(logP).add(y.neg().add(1).mul(log1mP)).neg();
        }
        Tensor lp = logP;
        Tensor l1p = log1mP;
        Tensor losses = Autograd.record("bce", out, (g, needs) -> new Tensor[] {
            needs[0] ? g.mul(probs.sub(target)).div(probs.mul(probs.neg().add(1)).clamp(1e-12,
                    Double.POSITIVE_INFINITY)) : null,
            needs[1] ? g.mul(l1p.sub(lp)) : null}, probs, target);
        return reduction.apply(losses);
    }

    /** Binary cross-entropy of logits, mean-reduced. */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        return bceWithLogits(logits, target, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of {@code sigmoid(x)} computed from the logits {@code x} as
     * {@code max(x, 0) - x y + log(1 + e^-|x|)}: finite for logits of any size. The input
     * gradient is {@code sigmoid(x) - y}, the target gradient {@code -x}.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        sameShape("bceWithLogits", logits, target);
        Tensor out;
        try (var ignored = Autograd.noGrad()) {
            Tensor x = logits.detach();
            out = x.relu().sub(x.mul(target.detach())).add(x.abs().neg().exp().log1p());
        }
        Tensor losses = Autograd.record("bceWithLogits", out, (g, needs) -> new Tensor[] {
            needs[0] ? g.mul(logits.sigmoid().sub(target)) : null,
            needs[1] ? g.mul(logits).neg() : null}, logits, target);
        return reduction.apply(losses);
    }

    /** Cross-entropy of logits against integer class targets with PyTorch's default options. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return crossEntropy(logits, targets, CrossEntropyOptions.DEFAULTS);
    }

    /**
     * Cross-entropy of unnormalised {@code logits} ({@code [N, C]} or {@code [N, C, d1, ...]})
     * against integer class {@code targets} ({@code [N]} or {@code [N, d1, ...]}), with a fused
     * (stable) log-softmax over the class axis 1. Targets equal to {@code ignoreIndex} contribute
     * nothing; {@code MEAN} divides by the number of the others (NaN if there are none, as in
     * PyTorch). With label smoothing {@code s} the loss is
     * {@code (1 - s) * nll + s/C * sum_c(-log p_c)}.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, CrossEntropyOptions options) {
        if (logits.rank() < 2) {
            throw new ShapeException("crossEntropy: logits must be [N, C] or [N, C, d1, ...], got " + logits.shape());
        }
        Tensor logp = Activations.logSoftmax(logits, 1);
        return classLoss("crossEntropy", logp, targets, options.ignoreIndex(), options.labelSmoothing(),
                options.reduction());
    }

    /** Negative log-likelihood with ignore index -100 and mean reduction. */
    public static Tensor nll(Tensor logProbs, Tensor targets) {
        return nll(logProbs, targets, -100, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood {@code -logProbs[n, target[n]]} of log-probabilities
     * ({@code [N, C]} or {@code [N, C, d1, ...]}) against integer targets; targets equal to
     * {@code ignoreIndex} are skipped and {@code MEAN} averages over the others.
     */
    public static Tensor nll(Tensor logProbs, Tensor targets, long ignoreIndex, Reduction reduction) {
        if (logProbs.rank() < 2) {
            throw new ShapeException("nll: log-probabilities must be [N, C] or [N, C, d1, ...], got "
                    + logProbs.shape());
        }
        return classLoss("nll", logProbs, targets, ignoreIndex, 0, reduction);
    }

    /** Shared body of nll and cross-entropy on log-probabilities with the class axis at 1. */
    private static Tensor classLoss(String op, Tensor logp, Tensor targets, long ignoreIndex, double smoothing,
                                    Reduction reduction) {
        if (targets.dtype().isFloating() || targets.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": targets must be integer class indices, got "
                    + targets.dtype() + " (class probabilities are not supported)");
        }
        int[] expected = new int[logp.rank() - 1];
        expected[0] = logp.dim(0);
        for (int i = 2; i < logp.rank(); i++) {
            expected[i - 1] = logp.dim(i);
        }
        if (!Arrays.equals(expected, targets.shape().toArray())) {
            throw new ShapeException(op + ": targets of shape " + targets.shape() + " do not match input "
                    + logp.shape() + "; expected targets of shape " + Arrays.toString(expected));
        }
        int classes = logp.dim(1);
        Tensor rows = classesLast(logp);
        Tensor t = targets.to(DType.I64).reshape(-1);
        Tensor valid = t.ne(ignoreIndex);
        long[] tv = Tensor.where(valid, t, 0).toLongArray();
        for (long v : tv) {
            if (v < 0 || v >= classes) {
                throw new IllegalArgumentException(op + ": target " + v + " is out of range for " + classes
                        + " classes (ignoreIndex is " + ignoreIndex + ")");
            }
        }
        Tensor safe = Tensor.where(valid, t, 0).unsqueeze(1);
        Tensor validF = valid.to(logp.dtype());
        Tensor picked = rows.gather(1, safe).squeeze(1).neg();
        Tensor losses = picked;
        if (smoothing > 0) {
            Tensor uniform = rows.sum(1).neg();
            losses = picked.mul(1 - smoothing).add(uniform.mul(smoothing / classes));
        }
        losses = losses.mul(validF);
        return switch (reduction) {
            case NONE -> losses.reshape(targets.shape().toArray());
            case SUM -> losses.sum();
            case MEAN -> losses.sum().div(validF.sum());
        };
    }

    /** {@code [N, C, d1, ...]} to {@code [N * d1 * ..., C]}. */
    private static Tensor classesLast(Tensor x) {
        if (x.rank() == 2) {
            return x;
        }
        int[] order = new int[x.rank()];
        order[0] = 0;
        for (int i = 2; i < x.rank(); i++) {
            order[i - 1] = i;
        }
        order[x.rank() - 1] = 1;
        return x.permute(order).reshape(-1, x.dim(1));
    }

    private static void sameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new ShapeException(op + ": input " + input.shape() + " and target " + target.shape()
                    + " must have the same shape");
        }
    }
}
