package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.allFinite;
import static dev.sinapsis.nn.NnGolden.check;
import static dev.sinapsis.nn.NnGolden.gradCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.nn.functional.Activations;
import dev.sinapsis.nn.functional.Special;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Activation functions and modules against PyTorch 1.13 (golden values of outputs and input
 * gradients, in F64 and F32), finite-difference gradient checks in F64, and the special function erf.
 */
public abstract class ActivationsContract extends BackendTestBase {
    private static final DType[] DTYPES = {DType.F64, DType.F32};

    /** Checks module {@code m} against golden case {@code name} in both dtypes. */
    private static void golden(String name, Module m) {
        for (DType d : DTYPES) {
            check(name, d, in -> m.forward(in.get("x")), "x");
        }
    }

    @Test
    void elementwiseActivationsMatchPyTorch() {
        golden("relu", new ReLU());
        golden("leaky_relu", new LeakyReLU(0.1));
        golden("elu", new ELU(0.7));
        golden("sigmoid", new Sigmoid());
        golden("tanh", new Tanh());
        golden("softplus", new Softplus());
        golden("softplus_b2", new Softplus(2, 5));
    }

    @Test
    void geluMatchesPyTorchExactAndTanhForms() {
        golden("gelu", new GELU());
        golden("gelu_tanh", new GELU(true));
    }

    @Test
    void softmaxAndLogSoftmaxMatchPyTorch() {
        golden("softmax1", new Softmax(1));
        golden("softmax0", new Softmax(0));
        golden("log_softmax1", new LogSoftmax(1));
        golden("log_softmax1", new LogSoftmax(-1));
    }

    @Test
    void logSoftmaxOfLogitsOfPlusMinusThousandIsFiniteAndMatchesPyTorch() {
        golden("log_softmax_big", new LogSoftmax(1));
        golden("softmax_big", new Softmax(1));
        Tensor x = Tensor.of(new double[] {1000, -1000, 0, -1000, 1000, 1000}, 2, 3).requiresGrad(true);
        Tensor y = Activations.logSoftmax(x, 1);
        y.sum().backward();
        assertTrue(allFinite(y), "log-softmax of ±1000 is finite: " + y);
        assertTrue(allFinite(x.grad()), "its gradient is finite: " + x.grad());
        assertEquals(-Math.log(2), y.toDoubleArray()[4], 1e-12);
    }

    @Test
    void activationGradientsPassGradCheck() {
        // values away from the kinks at 0 and from softplus's threshold
        Tensor x = Tensor.of(new double[] {-3.1, -1.2, -0.4, 0.3, 0.9, 2.2, 4.7, -6.5, 1.7, -0.05, 0.05, 3.3}, 3, 4);
        UnaryOperator<Tensor>[] fns = list(Activations::sigmoid, Activations::tanh, Activations::relu,
                t -> Activations.leakyRelu(t, 0.2), t -> Activations.elu(t, 1.3), Activations::softplus,
                t -> Activations.softplus(t, 2, 5), Activations::gelu, t -> Activations.gelu(t, true),
                t -> Activations.softmax(t, 1), t -> Activations.softmax(t, 0), t -> Activations.logSoftmax(t, 1),
                t -> Activations.logSoftmax(t.mul(300), 0), Special::erf, Special::erfc);
        for (int i = 0; i < fns.length; i++) {
            UnaryOperator<Tensor> f = fns[i];
            gradCheck("activation #" + i, in -> f.apply(in[0]), x);
        }
    }

    @SafeVarargs
    private static UnaryOperator<Tensor>[] list(UnaryOperator<Tensor>... fns) {
        return fns;
    }

    @Test
    void erfAndErfcAreAccurateInF64() {
        double[] xs = {0, 1e-8, 0.5, -1.5, 2, 3.5, 5, 10, -10, 26};
        // reference values from mpmath at 40 digits
        double[] erf = {0, 1.1283791670955126e-08, 0.5204998778130465, -0.9661051464753108, 0.9953222650189527,
            0.9999992569016276, 0.9999999999984626, 1, -1, 1};
        double[] erfc = {1, 0.9999999887162083, 0.4795001221869535, 1.9661051464753108, 0.004677734981047266,
            7.430983723414128e-07, 1.537459794428035e-12, 2.088487583762545e-45, 2, 5.663192408856143e-296};
        Tensor x = Tensor.of(xs);
        double[] e1 = Special.erf(x).toDoubleArray();
        double[] e2 = Special.erfc(x).toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            assertEquals(erf[i], e1[i], 1e-15 + 1e-13 * Math.abs(erf[i]), "erf(" + xs[i] + ")");
            assertEquals(erfc[i], e2[i], 1e-12 * Math.abs(erfc[i]), "erfc(" + xs[i] + ")");
        }
    }

    @Test
    void geluTailIsAccurateInRelativeTerms() {
        // gelu(-10) = -10 * Phi(-10) = -7.619853024160526e-23 (mpmath)
        double v = Activations.gelu(Tensor.of(new double[] {-10})).item();
        assertEquals(-7.619853024160526e-23, v, 1e-12 * 7.62e-23);
    }

    @Test
    void activationsKeepShapeAndDtype() {
        Tensor x = Tensor.randn(new Generator(3), 2, 3, 4);
        for (Module m : new Module[] {new ReLU(), new LeakyReLU(), new ELU(), new Sigmoid(), new Tanh(),
            new Softplus(), new GELU(), new Softmax(-1), new LogSoftmax(1)}) {
            Tensor y = m.forward(x);
            assertEquals(x.shape(), y.shape(), m.toString());
            assertEquals(DType.F32, y.dtype(), m.toString());
            assertTrue(m.parameters().isEmpty(), m + " has no parameters");
        }
        double[] s = Activations.softmax(x, -1).sum(-1).toDoubleArray();
        for (double v : s) {
            assertEquals(1, v, 1e-6);
        }
    }
}
