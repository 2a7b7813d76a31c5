package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnAsserts.assertClose;
import static dev.sinapsis.nn.NnAsserts.assertCloseToScale;
import static dev.sinapsis.nn.NnAsserts.assertGradCheck;
import static dev.sinapsis.nn.NnAsserts.backwardProjected;
import static dev.sinapsis.nn.NnAsserts.input;
import static dev.sinapsis.nn.NnAsserts.load;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.autograd.GradCheck;
import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conv2d and ConvTranspose2d on every backend: forward and gradients against PyTorch fixtures
 * ({@code golden/nn_conv.py}), finite-difference gradient checks, the adjoint relation between
 * the two, PyTorch's initialisation and the error messages.
 */
public abstract class ConvLayersContract extends BackendTestBase {
    private static final Golden G = Golden.load("nn_conv.txt");
    private static final int[] ONE = {1, 1};

    /** Loads the fixture's parameters into {@code m}, runs {@code x} (F64) and checks out and grads. */
    private static void checkGolden(String p, Module m, Tensor weight, Tensor bias) {
        load(weight, G, p + ".weight");
        if (bias != null) {
            load(bias, G, p + ".bias");
        }
        Tensor x = input(G, p + ".x");
        Tensor out = m.forward(x);
        assertClose(p + " out", out, G.get(p + ".out"));
        backwardProjected(out, G, p + ".r");
        assertClose(p + " grad x", x.grad(), G.get(p + ".grad_x"));
        assertClose(p + " grad weight", weight.grad(), G.get(p + ".grad_weight"));
        if (bias != null) {
            assertClose(p + " grad bias", bias.grad(), G.get(p + ".grad_bias"));
        }
        // the same in F32: forward and input gradient agree to F32 accuracy (relative to the scale)
        m.zeroGrad();
        Tensor x32 = G.tensor(p + ".x", DType.F32).requiresGrad(true);
        Tensor out32 = m.forward(x32);
        assertEquals(DType.F32, out32.dtype());
        assertCloseToScale(p + " out (F32)", out32, G.get(p + ".out"), 1e-5);
        backwardProjected(out32, G, p + ".r");
        assertCloseToScale(p + " grad x (F32)", x32.grad(), G.get(p + ".grad_x"), 1e-5);
        assertCloseToScale(p + " grad weight (F32)", weight.grad(), G.get(p + ".grad_weight"), 1e-5);
    }

    private static void checkConv(String p, Conv2d m) {
        checkGolden(p, m, m.weight(), m.bias());
    }

    private static void checkConvT(String p, ConvTranspose2d m) {
        checkGolden(p, m, m.weight(), m.bias());
    }

    private static Generator gen() {
        return new Generator(11);
    }

    @Test
    void conv2dStride2Padding1MatchesPyTorch() {
        checkConv("conv_s2p1", new Conv2d(3, 4, 3, 2, 1, 1, true, gen()));
    }

    @Test
    void conv2dDilation2MatchesPyTorch() {
        checkConv("conv_d2p2", new Conv2d(2, 3, 3, 1, 2, 2, true, gen()));
    }

    @Test
    void conv2dNonSquareKernelWithoutBiasMatchesPyTorch() {
        checkConv("conv_rect", new Conv2d(3, 2, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 0}, ONE,
                false, gen()));
    }

    @Test
    void conv2dMixedStridePaddingDilationMatchesPyTorch() {
        checkConv("conv_mixed", new Conv2d(2, 3, new int[] {3, 1}, new int[] {1, 2}, new int[] {0, 1},
                new int[] {2, 1}, true, gen()));
    }

    @Test
    void convTranspose2dStride2Padding1OutputPadding1MatchesPyTorch() {
        checkConvT("convt_s2p1op1", new ConvTranspose2d(3, 2, 3, 2, 1, 1, gen()));
    }

    @Test
    void convTranspose2dNonSquareDilatedMatchesPyTorch() {
        checkConvT("convt_rect", new ConvTranspose2d(2, 3, new int[] {3, 2}, new int[] {2, 3}, new int[] {1, 0},
                new int[] {1, 2}, new int[] {1, 2}, false, gen()));
    }

    private static Tensor normal(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), Shape.of(shape), DType.F64, 0, 1);
    }

    @Test
    void conv2dPassesGradCheck() {
        int[] stride = {2, 1};
        int[] pad = {1, 2};
        int[] dil = {1, 2};
        GradCheck.Result r = GradCheck.check(in -> Convolutions.conv2d(in[0], in[1], in[2], stride, pad, dil),
                normal(1, 2, 2, 5, 6), normal(2, 3, 2, 3, 2), normal(3, 3));
        assertGradCheck("conv2d", r);
    }

    @Test
    void convTranspose2dPassesGradCheck() {
        GradCheck.Result r = GradCheck.check(in -> Convolutions.convTranspose2d(in[0], in[1], in[2],
                new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 0}, new int[] {1, 2}),
                normal(4, 2, 2, 3, 4), normal(5, 2, 3, 3, 2), normal(6, 3));
        assertGradCheck("convTranspose2d", r);
    }

    @Test
    void convTranspose2dIsTheAdjointOfConv2d() {
        // <conv2d(x, w), y> == <x, convTranspose2d(y, w)> with the same window (no bias)
        int[] stride = {2, 3};
        int[] pad = {1, 1};
        int[] dil = {2, 1};
        Tensor x = normal(7, 2, 3, 9, 10);
        Tensor w = normal(8, 4, 3, 3, 2);
        Tensor y = Convolutions.conv2d(x, w, null, stride, pad, dil);
        Tensor v = normal(9, y.shape().toArray());
        // output padding recovers the input size lost to the stride's floor division
        int oh = (y.dim(2) - 1) * 2 - 2 + 2 * 2 + 1;
        int ow = (y.dim(3) - 1) * 3 - 2 + 1 + 1;
        Tensor xt = Convolutions.convTranspose2d(v, w, null, stride, pad, new int[] {9 - oh, 10 - ow}, dil);
        assertArrayEquals(x.shape().toArray(), xt.shape().toArray());
        assertEquals(y.mul(v).sum().item(), x.mul(xt).sum().item(), 1e-10);
    }

    @Test
    void conv2dInitialisesLikePyTorch() {
        Conv2d m = new Conv2d(4, 8, 3, 1, 1, 1, true, new Generator(5));
        double bound = 1 / Math.sqrt(4 * 9);
        assertEquals(List.of("weight", "bias"), m.namedParameters().stream().map(Parameter::name).toList());
        assertEquals(Shape.of(8, 4, 3, 3), m.weight().shape());
        assertEquals(DType.F32, m.weight().dtype());
        checkUniform(m.weight(), bound);
        checkUniform(m.bias(), bound);
        // same seed, same weights
        assertArrayEquals(m.weight().toFloatArray(),
                new Conv2d(4, 8, 3, 1, 1, 1, true, new Generator(5)).weight().toFloatArray());
        Conv2d noBias = new Conv2d(4, 8, 3, 1, 1, 1, false, new Generator(5));
        assertNull(noBias.bias());
        assertEquals(8 * 4 * 9, noBias.parameterCount());
    }

    @Test
    void convTranspose2dInitialisesLikePyTorch() {
        // PyTorch's fan-in of a [in, out, kH, kW] weight is out*kH*kW
        ConvTranspose2d m = new ConvTranspose2d(6, 3, 4, 2, 1, 0, new Generator(5));
        assertEquals(Shape.of(6, 3, 4, 4), m.weight().shape());
        checkUniform(m.weight(), 1 / Math.sqrt(3 * 16));
        checkUniform(m.bias(), 1 / Math.sqrt(3 * 16));
    }

    private static void checkUniform(Tensor t, double bound) {
        double[] v = t.toDoubleArray();
        double max = 0;
        double sumSq = 0;
        for (double d : v) {
            max = Math.max(max, Math.abs(d));
            sumSq += d * d;
        }
        assertTrue(max <= bound, "max |value| " + max + " exceeds the bound " + bound);
        if (v.length >= 200) {
            // U(-b, b) has standard deviation b / sqrt(3)
            double std = Math.sqrt(sumSq / v.length);
            assertEquals(bound / Math.sqrt(3), std, 0.1 * bound, "standard deviation");
            assertTrue(max > 0.9 * bound, "values fill the range: max " + max + " of " + bound);
        }
    }

    /** 8x8 images holding one horizontal or one vertical bar; label 0 or 1. */
    private static Tensor[] bars(int n, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] images = new float[n * 64];
        float[] targets = new float[n * 2];
        for (int i = 0; i < n; i++) {
            boolean vertical = i % 2 == 1;
            int at = rnd.nextInt(8);
            for (int j = 0; j < 8; j++) {
                int pos = vertical ? j * 8 + at : at * 8 + j;
                images[i * 64 + pos] = 1;
            }
            targets[i * 2 + (vertical ? 1 : 0)] = 1;
        }
        return new Tensor[] {Tensor.of(images, n, 1, 8, 8), Tensor.of(targets, n, 2)};
    }

    @Test
    void smallCnnLearnsToTellBarsApart() {
        Generator g = new Generator(3);
        Sequential net = new Sequential(new Conv2d(1, 4, 3, 1, 1, 1, true, g), new BatchNorm2d(4), new Relu(),
                new MaxPool2d(2), new Conv2d(4, 2, 3, 1, 1, 1, true, g), new AvgPool2d(4));
        Tensor[] data = bars(32, 1);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 150; step++) {
            Tensor out = net.forward(data[0]).reshape(32, 2);
            Tensor loss = out.sub(data[1]).square().mean();
            loss.backward();
            try (var ignored = dev.sinapsis.autograd.Autograd.noGrad()) {
                for (Tensor p : net.parameters()) {
                    p.addInPlace(p.grad(), -0.1);
                }
            }
            net.zeroGrad();
            last = loss.item();
            if (step == 0) {
                first = last;
            }
        }
        assertTrue(last < first / 5, "loss fell from " + first + " to " + last);
        net.eval();
        Tensor[] test = bars(16, 2);
        Tensor predicted = net.forward(test[0]).reshape(16, 2).argmax(1, false);
        Tensor truth = test[1].argmax(1, false);
        assertEquals(16, (int) predicted.eq(truth).sum().item(), "all held-out bars classified");
    }

    /** ReLU as a module, for the test network (the activations package is written elsewhere). */
    private static final class Relu extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input.relu();
        }
    }

    @Test
    void wrongInputsNameTheLayerAndShapes() {
        Conv2d conv = new Conv2d(3, 4, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(2, 4, 8, 8)));
        assertEquals("Conv2d: expected input [N, 3, H, W], got [2,4,8,8]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(3, 8, 8)));
        assertEquals("Conv2d: expected input [N, 3, H, W], got [3,8,8]", e.getMessage());
        ConvTranspose2d convT = new ConvTranspose2d(2, 3, 3, 2, 1, 1, gen());
        e = assertThrows(ShapeException.class, () -> convT.forward(Tensor.zeros(1, 3, 4, 4)));
        assertEquals("ConvTranspose2d: expected input [N, 2, H, W], got [1,3,4,4]", e.getMessage());
        e = assertThrows(ShapeException.class, () -> conv.forward(Tensor.zeros(1, 3, 2, 2)));
        assertTrue(e.getMessage().contains("[1,3,2,2]"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(2, 3, 3, 2, 1, 2, gen()));
        assertTrue(a.getMessage().startsWith("ConvTranspose2d: output padding 2"), a.getMessage());
        e = assertThrows(ShapeException.class, () -> Convolutions.conv2d(Tensor.zeros(1, 2, 5, 5),
                Tensor.zeros(4, 3, 3, 3), null, 1, 0, 1));
        assertTrue(e.getMessage().contains("[1,2,5,5]") && e.getMessage().contains("[4,3,3,3]"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> Convolutions.conv2d(Tensor.zeros(1, 3, 5, 5),
                Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 0, 1));
        assertEquals("conv2d: bias must be [4], got [3]", e.getMessage());
    }
}
