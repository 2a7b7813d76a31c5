package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.check;
import static dev.sinapsis.nn.NnGolden.gradCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.nn.functional.Layers;
import dev.sinapsis.nn.init.Init;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Linear, Maxout, LayerNorm, Embedding, Dropout and Flatten: outputs and input and parameter
 * gradients against PyTorch 1.13 (parameters set to the stored values, in F64 and F32),
 * PyTorch's initialisation, dropout's statistics and modes, and F64 gradient checks of the
 * functional forms with the parameters as inputs.
 */
public abstract class DenseLayersContract extends BackendTestBase {
    private static final DType[] DTYPES = {DType.F64, DType.F32};

    /** Copies the stored value into {@code param} and puts the parameter in the map in its place. */
    private static void bind(Map<String, Tensor> in, String name, Tensor param) {
        Init.assign(param, in.get(name));
        in.put(name, param);
    }

    @Test
    void linearMatchesPyTorch() {
        for (DType d : DTYPES) {
            for (String name : new String[] {"linear", "linear3d"}) {
                check(name, d, in -> {
                    Linear l = new Linear(4, 5, true, new Generator(0), d);
                    bind(in, "weight", l.weight());
                    bind(in, "bias", l.bias());
                    return l.forward(in.get("x"));
                }, "x", "weight", "bias");
            }
            check("linear_nobias", d, in -> {
                Linear l = new Linear(4, 2, false, new Generator(0), d);
                assertNull(l.bias());
                assertEquals(1, l.parameters().size());
                bind(in, "weight", l.weight());
                return l.forward(in.get("x"));
            }, "x", "weight");
        }
    }

    @Test
    void maxoutMatchesPyTorch() {
        for (DType d : DTYPES) {
            check("maxout", d, in -> {
                Maxout m = new Maxout(4, 3, 2, new Generator(0), d);
                bind(in, "weight", m.linear().weight());
                bind(in, "bias", m.linear().bias());
                return m.forward(in.get("x"));
            }, "x", "weight", "bias");
        }
    }

    @Test
    void layerNormMatchesPyTorch() {
        for (DType d : DTYPES) {
            check("layer_norm", d, in -> {
                LayerNorm ln = new LayerNorm(new int[] {3, 4}, 1e-5, true, d);
                bind(in, "weight", ln.weight());
                bind(in, "bias", ln.bias());
                return ln.forward(in.get("x"));
            }, "x", "weight", "bias");
            check("layer_norm_plain", d, in -> new LayerNorm(new int[] {4}, 1e-5, false, d).forward(in.get("x")), "x");
        }
    }

    @Test
    void embeddingMatchesPyTorchAndPaddingRowGetsNoGradient() {
        for (DType d : DTYPES) {
            check("embedding", d, in -> {
                Embedding e = new Embedding(6, 3, 2, new Generator(0), d);
                bind(in, "weight", e.weight());
                return e.forward(in.get("idx"));
            }, "weight", "idx");
        }
        Embedding e = new Embedding(5, 4, 1, new Generator(9));
        assertArrayEquals(new float[4], e.weight().select(0, 1).toFloatArray(), "padding row starts at zero");
        Tensor out = e.forward(Tensor.of(new long[] {1, 1, 3}, 3));
        assertArrayEquals(new int[] {3, 4}, out.shape().toArray());
        out.sum().backward();
        assertArrayEquals(new float[4], e.weight().grad().select(0, 1).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, e.weight().grad().select(0, 3).toFloatArray());
        assertThrows(IndexOutOfBoundsException.class, () -> e.forward(Tensor.of(new long[] {5})));
    }

    @Test
    void linearInitialisesLikePyTorch() {
        Linear l = new Linear(400, 300, true, new Generator(5));
        double bound = 1 / Math.sqrt(400);
        for (Tensor p : new Tensor[] {l.weight(), l.bias()}) {
            assertTrue(p.abs().max().item() <= bound, "within ±1/sqrt(in)");
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertArrayEquals(new int[] {300, 400}, l.weight().shape().toArray());
        assertEquals(0, l.weight().mean().item(), 0.01 * bound);
        assertEquals(bound / Math.sqrt(3), l.weight().std().item(), 0.01 * bound);
        assertTrue(l.weight().abs().max().item() > 0.99 * bound, "fills the interval");
        assertEquals(400 * 300 + 300, l.parameterCount());
        Linear same = new Linear(400, 300, true, new Generator(5));
        assertArrayEquals(l.weight().toFloatArray(), same.weight().toFloatArray(), "seeded");
        assertThrows(ShapeException.class, () -> l.forward(Tensor.zeros(2, 3)));
    }

    @Test
    void dropoutDropsScalesAndIsIdentityInEval() {
        Tensor x = Tensor.ones(200, 500).requiresGrad(true);
        Dropout drop = new Dropout(0.3, new Generator(17));
        Tensor y = drop.forward(x);
        double[] v = y.toDoubleArray();
        int zeros = 0;
        for (double e : v) {
            if (e == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, e, 1e-6, "survivors are scaled by 1/(1-p)");
            }
        }
        assertEquals(0.3, zeros / (double) v.length, 0.01, "drop fraction");
        y.sum().backward();
        assertArrayEquals(y.toFloatArray(), x.grad().toFloatArray(), "gradient is the scaled mask");
        Tensor again = new Dropout(0.3, new Generator(17)).forward(x);
        assertArrayEquals(y.toFloatArray(), again.toFloatArray(), "same seed, same mask");
        drop.eval();
        assertSame(x, drop.forward(x), "identity in eval mode");
        drop.train();
        assertSame(x, new Dropout(0).forward(x));
        assertEquals(0, new Dropout(1, new Generator(1)).forward(x).abs().sum().item());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }

    @Test
    void dropoutInsideSequentialFollowsTheModeSwitch() {
        Sequential net = new Sequential(new Linear(3, 3, true, new Generator(1)), new Dropout(0.5, new Generator(2)));
        Tensor x = Tensor.randn(new Generator(3), 8, 3);
        net.eval();
        Tensor a = net.forward(x);
        Tensor b = net.forward(x);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), "deterministic in eval");
        net.train();
        assertTrue(net.get(1).isTraining());
    }

    @Test
    void flattenJoinsTheRequestedAxes() {
        Tensor x = Tensor.randn(new Generator(4), 2, 3, 4, 5);
        assertArrayEquals(new int[] {2, 60}, new Flatten().forward(x).shape().toArray());
        assertArrayEquals(new int[] {6, 4, 5}, new Flatten(0, 1).forward(x).shape().toArray());
        assertArrayEquals(new int[] {2, 3, 20}, new Flatten(2, -1).forward(x).shape().toArray());
        assertArrayEquals(x.toFloatArray(), new Flatten().forward(x).toFloatArray());
    }

    @Test
    void layersPassGradCheckWithParametersAsInputs() {
        Generator g = new Generator(21);
        Tensor x = Tensor.randn(g, 3, 4);
        Tensor w = Tensor.randn(g, 5, 4);
        Tensor b = Tensor.randn(g, 5);
        gradCheck("linear", in -> Layers.linear(in[0], in[1], in[2]), x, w, b);
        gradCheck("linear 3-d", in -> Layers.linear(in[0], in[1], null), Tensor.randn(g, 2, 3, 4), w);
        gradCheck("maxout", in -> Layers.maxout(in[0], in[1], in[2], 2),
                x, Tensor.randn(g, 6, 4), Tensor.randn(g, 6));
        Tensor lx = Tensor.randn(g, 2, 3, 4);
        gradCheck("layerNorm", in -> Layers.layerNorm(in[0], new int[] {3, 4}, in[1], in[2], 1e-5),
                lx, Tensor.randn(g, 3, 4), Tensor.randn(g, 3, 4));
        gradCheck("layerNorm plain", in -> Layers.layerNorm(in[0], new int[] {4}, null, null, 1e-5), lx);
        Tensor idx = Tensor.of(new long[] {0, 2, 5, 2, 1, 1}, 2, 3);
        // without padding: the padding row's gradient is zero by definition, not the derivative
        gradCheck("embedding", in -> Layers.embedding(in[1], in[0], -1), Tensor.randn(g, 6, 3), idx);
        gradCheck("dropout", in -> Layers.dropout(in[0], 0.4, true, new Generator(8)), x);
    }
}
