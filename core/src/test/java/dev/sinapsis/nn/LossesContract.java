package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.allFinite;
import static dev.sinapsis.nn.NnGolden.check;
import static dev.sinapsis.nn.NnGolden.gradCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.nn.functional.CrossEntropyOptions;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.nn.functional.Reduction;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Losses against PyTorch 1.13 (outputs, input and target gradients, in F64 and F32), their
 * numerical robustness (logits of ±1000, probabilities of 0 and 1), finite-difference gradient
 * checks in F64, and input validation.
 */
public abstract class LossesContract extends BackendTestBase {
    private static final DType[] DTYPES = {DType.F64, DType.F32};

    private static void golden(String name, Function<java.util.Map<String, Tensor>, Tensor> fn, String... inputs) {
        for (DType d : DTYPES) {
            check(name, d, fn, inputs);
        }
    }

    @Test
    void mseMatchesPyTorch() {
        golden("mse_mean", in -> Losses.mse(in.get("x"), in.get("y")), "x", "y");
        golden("mse_sum", in -> Losses.mse(in.get("x"), in.get("y"), Reduction.SUM), "x", "y");
    }

    @Test
    void bceMatchesPyTorchIncludingTargetGradient() {
        golden("bce_mean", in -> Losses.bce(in.get("x"), in.get("y")), "x", "y");
        golden("bce_none", in -> Losses.bce(in.get("x"), in.get("y"), Reduction.NONE), "x", "y");
    }

    @Test
    void bceWithLogitsMatchesPyTorchWithLogitsOfPlusMinusThousand() {
        golden("bce_logits_mean", in -> Losses.bceWithLogits(in.get("x"), in.get("y")), "x", "y");
        golden("bce_logits_none", in -> Losses.bceWithLogits(in.get("x"), in.get("y"), Reduction.NONE), "x", "y");
    }

    @Test
    void crossEntropyMatchesPyTorch() {
        CrossEntropyOptions smooth = CrossEntropyOptions.DEFAULTS.withIgnoreIndex(2).withLabelSmoothing(0.1);
        golden("ce_mean", in -> Losses.crossEntropy(in.get("x"), in.get("t")), "x", "t");
        golden("ce_sum", in -> Losses.crossEntropy(in.get("x"), in.get("t"),
                CrossEntropyOptions.DEFAULTS.withReduction(Reduction.SUM)), "x", "t");
        golden("ce_none", in -> Losses.crossEntropy(in.get("x"), in.get("t"),
                CrossEntropyOptions.DEFAULTS.withReduction(Reduction.NONE)), "x", "t");
        golden("ce_smooth_ignore", in -> new CrossEntropyLoss(smooth).apply(in.get("x"), in.get("t")), "x", "t");
        golden("ce_smooth_ignore_sum", in -> Losses.crossEntropy(in.get("x"), in.get("t"),
                smooth.withReduction(Reduction.SUM)), "x", "t");
        golden("ce_smooth_ignore_none", in -> Losses.crossEntropy(in.get("x"), in.get("t"),
                smooth.withReduction(Reduction.NONE)), "x", "t");
        golden("ce_ignore_default", in -> new CrossEntropyLoss().apply(in.get("x"), in.get("t")), "x", "t");
        golden("ce_spatial", in -> Losses.crossEntropy(in.get("x"), in.get("t"),
                CrossEntropyOptions.DEFAULTS.withLabelSmoothing(0.2)), "x", "t");
    }

    @Test
    void nllMatchesPyTorch() {
        golden("nll_mean", in -> Losses.nll(in.get("x"), in.get("t")), "x", "t");
        golden("nll_ignore", in -> Losses.nll(in.get("x"), in.get("t"), 1, Reduction.MEAN), "x", "t");
        golden("nll_none", in -> Losses.nll(in.get("x"), in.get("t"), 1, Reduction.NONE), "x", "t");
    }

    @Test
    void bceOfCertainProbabilitiesIsClampedAt100LikePyTorch() {
        Tensor p = Tensor.of(new double[] {0, 1, 0, 1}).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1});
        Tensor l = Losses.bce(p, y, Reduction.NONE);
        assertArrayEquals(new double[] {100, 100, 0, 0}, l.toDoubleArray(), 0);
        l.sum().backward();
        assertTrue(allFinite(p.grad()), "finite gradient at p = 0 and 1: " + p.grad());
    }

    @Test
    void bceWithLogitsOfHugeLogitsIsFinite() {
        for (DType d : DTYPES) {
            Tensor x = Tensor.of(new double[] {1000, -1000, 1000, -1000, 88, -104}).to(d).requiresGrad(true);
            Tensor y = Tensor.of(new double[] {1, 0, 0, 1, 0.5, 0.5}).to(d);
            Tensor l = Losses.bceWithLogits(x, y, Reduction.NONE);
            l.sum().backward();
            double[] v = l.toDoubleArray();
            assertTrue(allFinite(l) && allFinite(x.grad()), d + ": " + l + " / " + x.grad());
            assertEquals(0, v[0], 1e-6);
            assertEquals(1000, v[2], 1e-3);
            assertEquals(1000, v[3], 1e-3);
        }
    }

    @Test
    void crossEntropyOfHugeLogitsIsFinite() {
        Tensor x = Tensor.of(new float[] {1000, -1000, 0, -1000, 1000, 1000}, 2, 3).requiresGrad(true);
        Tensor l = Losses.crossEntropy(x, Tensor.of(new long[] {1, 2}));
        l.backward();
        assertEquals((2000 + Math.log(2)) / 2, l.item(), 1e-3);
        assertTrue(allFinite(x.grad()), x.grad().toString());
    }

    @Test
    void lossGradientsPassGradCheck() {
        Generator g = new Generator(11);
        Tensor a = Tensor.randn(g, 4, 3);
        Tensor b = Tensor.randn(g, 4, 3);
        Tensor p = Tensor.rand(g, 4, 3).mul(0.8).add(0.1);
        Tensor y = Tensor.rand(g, 4, 3);
        gradCheck("mse", in -> Losses.mse(in[0], in[1]), a, b);
        gradCheck("mse sum", in -> Losses.mse(in[0], in[1], Reduction.SUM), a, b);
        gradCheck("bce", in -> Losses.bce(in[0], in[1]), p, y);
        gradCheck("bce none", in -> Losses.bce(in[0], in[1], Reduction.NONE), p, y);
        gradCheck("bceWithLogits", in -> Losses.bceWithLogits(in[0], in[1]), a.mul(3), y);
        Tensor logits = Tensor.randn(g, 6, 4).mul(2);
        Tensor t = Tensor.of(new long[] {0, 3, 2, 1, 2, 1});
        gradCheck("crossEntropy", in -> Losses.crossEntropy(in[0], in[1]), logits, t);
        gradCheck("crossEntropy smooth+ignore", in -> Losses.crossEntropy(in[0], in[1],
                CrossEntropyOptions.DEFAULTS.withIgnoreIndex(2).withLabelSmoothing(0.3)), logits, t);
        gradCheck("crossEntropy none", in -> Losses.crossEntropy(in[0], in[1],
                CrossEntropyOptions.DEFAULTS.withReduction(Reduction.NONE).withLabelSmoothing(0.1)), logits, t);
        Tensor spatial = Tensor.randn(g, 2, 4, 3);
        Tensor st = Tensor.of(new long[] {0, 3, 1, 2, 2, 0}, 2, 3);
        gradCheck("crossEntropy spatial", in -> Losses.crossEntropy(in[0], in[1]), spatial, st);
        gradCheck("nll", in -> Losses.nll(in[0], in[1], 1, Reduction.MEAN), logits, t);
    }

    @Test
    void crossEntropyWithEveryTargetIgnoredIsNaNLikePyTorch() {
        Tensor l = Losses.crossEntropy(Tensor.randn(new Generator(1), 2, 3), Tensor.of(new long[] {-100, -100}));
        assertTrue(Double.isNaN(l.item()));
    }

    @Test
    void badTargetsAreReportedClearly() {
        Tensor logits = Tensor.zeros(Shape.of(2, 3), DType.F32);
        ShapeException shape = assertThrows(ShapeException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 1, 2})));
        assertTrue(shape.getMessage().contains("[2]"), shape.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(logits, Tensor.of(new long[] {0, 3})));
        assertTrue(range.getMessage().contains("out of range"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, Tensor.zeros(2)));
        assertThrows(ShapeException.class, () -> Losses.mse(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> CrossEntropyOptions.DEFAULTS.withLabelSmoothing(1.5));
    }
}
