package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.assertClose;
import static dev.sinapsis.nn.NnGolden.gradCheck;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.nn.functional.Attention;
import dev.sinapsis.nn.functional.AttentionOutput;
import dev.sinapsis.nn.functional.MultiheadAttentionFunction;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Attention against PyTorch 1.13 ({@code golden/nn_attention.py}): scaled dot-product attention
 * with boolean, additive and causal masks (PyTorch 2's definition, computed explicitly by the
 * script), {@code nn.MultiheadAttention} with both masks, boolean and float, sequence- and
 * batch-first, separate key/value sizes, no bias, unbatched inputs and per-head weights — its
 * state dict loaded by name — and additive attention: outputs, weights, input and parameter
 * gradients in F64 and F32. Also gradient checks in F64, NaN for fully masked queries (as PyTorch),
 * dropout, initialisation and the error messages.
 */
public abstract class AttentionContract extends BackendTestBase {
    private static final Golden G = Golden.load("nn_attention.txt");
    private static final DType[] DTYPES = {DType.F64, DType.F32};

    private static Tensor leaf(String name, DType d) {
        return G.tensor(name, DType.F64).to(d).requiresGrad(true);
    }

    /** A 0/1 fixture entry as BOOL (true where 1). */
    private static Tensor bool(String name) {
        return G.tensor(name, DType.F64).ne(0);
    }

    private static void compareGradients(String c, DType d, Tensor out, Map<String, Tensor> leaves,
                                         Map<String, Tensor> params) {
        out.mul(G.tensor(c + ".w", d)).sum().backward();
        leaves.forEach((k, t) -> {
            assertNotNull(t.grad(), c + ": no gradient reached " + k);
            assertClose(c + ".g" + k, G.tensor(c + ".g" + k, DType.F64), t.grad(), d);
        });
        params.forEach((k, t) -> {
            assertNotNull(t.grad(), c + ": no gradient reached parameter " + k);
            assertClose(c + ".g." + k, G.tensor(c + ".g." + k, DType.F64), t.grad(), d);
        });
    }

    // ------------------------------------------------------------------ scaled dot-product attention

    @Test
    void scaledDotProductAttentionMatchesPyTorch() {
        Set<String> floatMasks = Set.of("sdpa_float");
        for (String c : new String[] {"sdpa_plain", "sdpa_bool", "sdpa_float", "sdpa_causal", "sdpa_causal_square",
            "sdpa_causal_mask"}) {
            for (DType d : DTYPES) {
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                for (String k : new String[] {"q", "k", "v"}) {
                    leaves.put(k, leaf(c + "." + k, d));
                }
                Tensor mask = !G.names().contains(c + ".mask") ? null
                        : floatMasks.contains(c) ? G.tensor(c + ".mask", d) : bool(c + ".mask");
                boolean causal = c.contains("causal");
                AttentionOutput r = Attention.scaledDotProductAttentionWithWeights(leaves.get("q"), leaves.get("k"),
                        leaves.get("v"), mask, causal);
                assertClose(c + ".out", G.tensor(c + ".out", DType.F64), r.output(), d);
                assertClose(c + ".weights", G.tensor(c + ".weights", DType.F64), r.weights(), d);
                Tensor plain = Attention.scaledDotProductAttention(leaves.get("q"), leaves.get("k"), leaves.get("v"),
                        mask, causal);
                assertArrayEquals(r.output().toDoubleArray(), plain.toDoubleArray(), c + ": both forms agree");
                compareGradients(c, d, r.output(), leaves, Map.of());
            }
        }
    }

    @Test
    void scaledDotProductAttentionPassesGradCheck() {
        Tensor q = Tensor.randn(new Generator(1), 2, 3, 4).to(DType.F64);
        Tensor k = Tensor.randn(new Generator(2), 2, 4, 4).to(DType.F64);
        Tensor v = Tensor.randn(new Generator(3), 2, 4, 3).to(DType.F64);
        Tensor attend = Tensor.of(new boolean[] {true, false, true, true, true, true, false, false, false, true, true,
            false}, 3, 4);
        Tensor bias = Tensor.randn(new Generator(4), 3, 4).to(DType.F64);
        gradCheck("sdpa bool mask", in -> Attention.scaledDotProductAttention(in[0], in[1], in[2], attend, false),
                q, k, v);
        gradCheck("sdpa float mask, causal", in -> Attention.scaledDotProductAttention(in[0], in[1], in[2], in[3],
                true), q, k, v, bias);
        gradCheck("sdpa weights of a transposed key", in -> Attention.scaledDotProductAttentionWithWeights(in[0],
                in[1].transpose(1, 2), in[2], null, false).weights(), q, k.transpose(1, 2).contiguous(), v);
    }

    @Test
    void aQueryWithEveryKeyMaskedGivesNaNAsPyTorch() {
        Tensor q = Tensor.randn(new Generator(5), 2, 3, 4);
        Tensor k = Tensor.randn(new Generator(6), 2, 5, 4);
        Tensor v = Tensor.randn(new Generator(7), 2, 5, 2);
        boolean[] m = new boolean[3 * 5];
        java.util.Arrays.fill(m, true);
        java.util.Arrays.fill(m, 5, 10, false); // query 1 may attend to nothing
        AttentionOutput r = Attention.scaledDotProductAttentionWithWeights(q, k, v, Tensor.of(m, 3, 5), false);
        double[] out = r.output().toDoubleArray();
        for (int i = 0; i < out.length; i++) {
            boolean row1 = (i / 2) % 3 == 1;
            assertEquals(row1, Double.isNaN(out[i]), "output " + i + (row1 ? " of the fully masked query is NaN"
                    : " of the other queries is finite"));
        }

        MultiheadAttention mha = MultiheadAttention.builder(4, 2).batchFirst(true).generator(new Generator(8)).build();
        Tensor x = Tensor.randn(new Generator(9), 2, 3, 4);
        Tensor padding = Attention.keyPaddingMask(new int[] {0, 3}, 3); // sequence 0 has no key at all
        AttentionOutput a = mha.forward(x, x, x, padding, true, null);
        for (double e : a.output().select(0, 0).toDoubleArray()) {
            assertTrue(Double.isNaN(e), "every output of the fully padded sequence is NaN, as in PyTorch");
        }
        for (double e : a.weights().select(0, 0).toDoubleArray()) {
            assertTrue(Double.isNaN(e), "its weights are NaN too");
        }
        assertTrue(NnGolden.allFinite(a.output().select(0, 1)), "the other sequence is unaffected");
    }

    @Test
    void dropoutActsOnTheWeights() {
        Tensor q = Tensor.randn(new Generator(10), 4, 6, 8);
        Tensor k = Tensor.randn(new Generator(11), 4, 7, 8);
        Tensor v = Tensor.randn(new Generator(12), 4, 7, 3);
        AttentionOutput clean = Attention.scaledDotProductAttentionWithWeights(q, k, v, null, false);
        AttentionOutput dropped = Attention.scaledDotProductAttentionWithWeights(q, k, v, null, false, 0.5,
                1 / Math.sqrt(8), new Generator(13));
        double[] w0 = clean.weights().toDoubleArray();
        double[] w1 = dropped.weights().toDoubleArray();
        int zeros = 0;
        for (int i = 0; i < w0.length; i++) {
            if (w1[i] == 0) {
                zeros++;
            } else {
                assertEquals(2 * w0[i], w1[i], 1e-6, "survivors are scaled by 1 / (1 - p)");
            }
        }
        assertTrue(zeros > w0.length / 4 && zeros < 3 * w0.length / 4, zeros + " of " + w0.length + " dropped");
        assertArrayEquals(dropped.weights().matmul(v).toFloatArray(), dropped.output().toFloatArray(), 1e-5f,
                "the output uses the dropped weights");

        MultiheadAttention mha = MultiheadAttention.builder(8, 2).dropout(0.5).generator(new Generator(14)).build();
        Tensor x = Tensor.randn(new Generator(15), 5, 2, 8);
        Tensor train = mha.forward(x);
        mha.eval();
        Tensor eval = mha.forward(x);
        Map<String, Tensor> sd = mha.stateDict();
        MultiheadAttention noDropout = MultiheadAttention.builder(8, 2).generator(new Generator(16)).build();
        noDropout.loadStateDict(sd);
        assertArrayEquals(noDropout.forward(x).toFloatArray(), eval.toFloatArray(), 1e-6f, "no dropout in eval");
        assertFalse(java.util.Arrays.equals(train.toFloatArray(), eval.toFloatArray()), "dropout in training");
    }

    // ------------------------------------------------------------------ multi-head attention

    /** One {@code nn.MultiheadAttention} case of the fixture. */
    private record MhaCase(String name, int embedDim, int numHeads, boolean batchFirst, int kdim, int vdim,
                           boolean bias, boolean selfAttention, boolean floatKpm, boolean floatAttnMask,
                           boolean average) {
    }

    private static final MhaCase[] MHA_CASES = {
        new MhaCase("mha_basic", 6, 2, false, 6, 6, true, false, false, false, true),
        new MhaCase("mha_masks", 6, 3, true, 6, 6, true, true, false, false, true),
        new MhaCase("mha_float_masks", 4, 2, true, 4, 4, true, false, false, true, false),
        new MhaCase("mha_float_kpm", 4, 2, false, 4, 4, true, false, true, false, true),
        new MhaCase("mha_kvdim", 4, 2, true, 3, 2, true, false, false, false, true),
        new MhaCase("mha_nobias", 4, 4, false, 4, 4, false, false, false, false, true),
        new MhaCase("mha_unbatched", 4, 2, false, 4, 4, true, false, false, false, false),
    };

    @Test
    void multiheadAttentionLoadsAPyTorchStateDictAndMatchesIt() {
        for (MhaCase c : MHA_CASES) {
            for (DType d : DTYPES) {
                String n = c.name();
                MultiheadAttention mha = MultiheadAttention.builder(c.embedDim(), c.numHeads()).batchFirst(c.batchFirst())
                        .kdim(c.kdim()).vdim(c.vdim()).bias(c.bias()).generator(new Generator(1)).dtype(d).build();
                Map<String, Tensor> sd = new LinkedHashMap<>();
                for (String key : mha.stateDict().keySet()) {
                    sd.put(key, G.tensor(n + ".sd." + key, DType.F64));
                }
                mha.loadStateDict(sd);
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                for (String k : c.selfAttention() ? new String[] {"q"} : new String[] {"q", "k", "v"}) {
                    leaves.put(k, leaf(n + "." + k, d));
                }
                Tensor q = leaves.get("q");
                Tensor k = c.selfAttention() ? q : leaves.get("k");
                Tensor v = c.selfAttention() ? q : leaves.get("v");
                Tensor kpm = !G.names().contains(n + ".kpm") ? null
                        : c.floatKpm() ? G.tensor(n + ".kpm", d) : bool(n + ".kpm");
                Tensor attn = !G.names().contains(n + ".attn_mask") ? null
                        : c.floatAttnMask() ? G.tensor(n + ".attn_mask", d) : bool(n + ".attn_mask");
                AttentionOutput r = mha.forward(q, k, v, kpm, true, attn, c.average());
                assertEquals(d, r.output().dtype());
                assertClose(n + ".out", G.tensor(n + ".out", DType.F64), r.output(), d);
                assertClose(n + ".weights", G.tensor(n + ".weights", DType.F64), r.weights(), d);
                Map<String, Tensor> params = new LinkedHashMap<>();
                mha.namedParameters().forEach(p -> params.put(p.name(), p.value()));
                compareGradients(n, d, r.output(), leaves, params);
                assertNull(mha.forward(q, k, v, kpm, false, attn).weights(), "needWeights false gives no weights");
            }
        }
    }

    @Test
    void multiheadAttentionHasPyTorchsParametersAndInitialisation() {
        MultiheadAttention mha = new MultiheadAttention(8, 2);
        assertEquals(java.util.List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                java.util.List.copyOf(mha.stateDict().keySet()));
        assertArrayEquals(new int[] {24, 8}, mha.inProjWeight().shape().toArray());
        assertEquals(0, mha.inProjBias().abs().max().item(), "in_proj_bias starts at zero");
        assertEquals(0, mha.outProj().bias().abs().max().item(), "out_proj.bias starts at zero");
        double xavier = Math.sqrt(6.0 / (8 + 24));
        assertTrue(mha.inProjWeight().abs().max().item() <= xavier, "Xavier-uniform bound");
        assertTrue(mha.inProjWeight().abs().max().item() > 0.9 * xavier, "fills the Xavier interval");
        assertTrue(mha.outProj().weight().abs().max().item() <= 1 / Math.sqrt(8), "Linear's bound");
        MultiheadAttention sep = MultiheadAttention.builder(4, 2).kdim(3).vdim(5).bias(false).build();
        assertEquals(java.util.List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight"),
                java.util.List.copyOf(sep.stateDict().keySet()));
        assertArrayEquals(new int[] {4, 5}, sep.stateDict().get("v_proj_weight").shape().toArray());
        Tensor x = Tensor.randn(new Generator(3), 5, 2, 8);
        assertArrayEquals(new int[] {5, 2, 8}, mha.forward(x).shape().toArray(), "self-attention keeps the shape");
    }

    @Test
    void multiheadAttentionPassesGradCheckWithItsParameters() {
        Generator g = new Generator(20);
        Tensor query = Tensor.randn(g, 2, 2, 4).to(DType.F64);
        Tensor key = Tensor.randn(g, 2, 3, 4).to(DType.F64);
        Tensor value = Tensor.randn(g, 2, 3, 4).to(DType.F64);
        Tensor inW = Tensor.randn(g, 12, 4).to(DType.F64).mul(0.5);
        Tensor inB = Tensor.randn(g, 12).to(DType.F64);
        Tensor outW = Tensor.randn(g, 4, 4).to(DType.F64).mul(0.5);
        Tensor outB = Tensor.randn(g, 4).to(DType.F64);
        Tensor padding = Attention.keyPaddingMask(new int[] {3, 2}, 3);
        Tensor attn = Tensor.randn(g, 2, 3).to(DType.F64);
        gradCheck("MultiheadAttention output", in -> MultiheadAttentionFunction.forward(in[0], in[1], in[2], 2,
                MultiheadAttentionFunction.Weights.packed(in[3], in[4], in[5], in[6]), padding, attn, false, true, 0,
                null).output(), query, key, value, inW, inB, outW, outB);
        gradCheck("MultiheadAttention per-head weights", in -> MultiheadAttentionFunction.forward(in[0], in[1], in[1],
                2, MultiheadAttentionFunction.Weights.packed(in[2], null, outW, null), padding, null, true, false, 0,
                null).weights(), query, key, inW);
    }

    // ------------------------------------------------------------------ additive attention

    @Test
    void additiveAttentionMatchesTheFormula() {
        for (String n : new String[] {"additive_step", "additive_seq"}) {
            for (DType d : DTYPES) {
                Tensor q = leaf(n + ".q", d);
                int hidden = G.get(n + ".sd.v.weight").shape()[1];
                int dk = G.get(n + ".sd.key_proj.weight").shape()[1];
                AdditiveAttention att = new AdditiveAttention(q.dim(-1), dk, hidden, 0, new Generator(1), d);
                Map<String, Tensor> sd = new LinkedHashMap<>();
                for (String key : att.stateDict().keySet()) {
                    sd.put(key, G.tensor(n + ".sd." + key, DType.F64));
                }
                att.loadStateDict(sd);
                Map<String, Tensor> leaves = new LinkedHashMap<>();
                leaves.put("q", q);
                leaves.put("k", leaf(n + ".k", d));
                leaves.put("v", leaf(n + ".v", d));
                Tensor kpm = G.names().contains(n + ".kpm") ? bool(n + ".kpm") : null;
                AttentionOutput r = att.forward(q, leaves.get("k"), leaves.get("v"), kpm);
                assertClose(n + ".out", G.tensor(n + ".out", DType.F64), r.output(), d);
                assertClose(n + ".weights", G.tensor(n + ".weights", DType.F64), r.weights(), d);
                Map<String, Tensor> params = new LinkedHashMap<>();
                att.namedParameters().forEach(p -> params.put(p.name(), p.value()));
                compareGradients(n, d, r.output(), leaves, params);
            }
        }
    }

    @Test
    void additiveAttentionPassesGradCheck() {
        Generator g = new Generator(30);
        Tensor q = Tensor.randn(g, 2, 3).to(DType.F64);
        Tensor keys = Tensor.randn(g, 2, 3, 2).to(DType.F64);
        Tensor values = Tensor.randn(g, 2, 3, 2).to(DType.F64);
        Tensor wq = Tensor.randn(g, 3, 3).to(DType.F64);
        Tensor wk = Tensor.randn(g, 3, 2).to(DType.F64);
        Tensor v = Tensor.randn(g, 1, 3).to(DType.F64);
        Tensor padding = Attention.keyPaddingMask(new int[] {2, 3}, 3);
        gradCheck("AdditiveAttention context", in -> Attention.additiveAttention(in[0], in[1], in[2], padding, in[3],
                in[4], in[5], 0, null).output(), q, keys, values, wq, wk, v);
    }

    // ------------------------------------------------------------------ errors and helpers

    @Test
    void keyPaddingMaskMarksThePositionsBeyondEachLength() {
        Tensor m = Attention.keyPaddingMask(new int[] {2, 0, 3}, 3);
        assertEquals(DType.BOOL, m.dtype());
        assertArrayEquals(new boolean[] {false, false, true, true, true, true, false, false, false},
                m.toBooleanArray());
        assertThrows(IllegalArgumentException.class, () -> Attention.keyPaddingMask(new int[] {4}, 3));
    }

    @Test
    void badShapesAndMasksAreClearErrors() {
        Tensor q = Tensor.randn(new Generator(1), 2, 3, 4);
        Tensor k = Tensor.randn(new Generator(2), 2, 5, 4);
        Tensor v = Tensor.randn(new Generator(3), 2, 5, 3);
        ShapeException e = assertThrows(ShapeException.class,
                () -> Attention.scaledDotProductAttention(q, k.narrow(2, 0, 3), v, null, false));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
        e = assertThrows(ShapeException.class,
                () -> Attention.scaledDotProductAttention(q, k, v, Tensor.ones(Shape.of(3, 4), DType.BOOL), false));
        assertTrue(e.getMessage().contains("does not broadcast"), e.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> Attention.scaledDotProductAttention(q, k, v, Tensor.ones(Shape.of(3, 5), DType.I64), false));
        assertTrue(i.getMessage().contains("BOOL"), i.getMessage());

        i = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(6, 4));
        assertTrue(i.getMessage().contains("multiple of numHeads"), i.getMessage());
        MultiheadAttention mha = MultiheadAttention.builder(4, 2).batchFirst(true).build();
        Tensor x = Tensor.randn(new Generator(4), 2, 3, 4);
        e = assertThrows(ShapeException.class, () -> mha.forward(x, x, x, null, true,
                Tensor.ones(Shape.of(3, 2), DType.BOOL)));
        assertTrue(e.getMessage().contains("[L, S] = [3, 3]"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> mha.forward(x, x, x, Tensor.ones(Shape.of(3, 2), DType.BOOL),
                true, null));
        assertTrue(e.getMessage().contains("keyPaddingMask [3,2] must be [N, S] = [2, 3]"), e.getMessage());
        e = assertThrows(ShapeException.class, () -> mha.forward(Tensor.randn(new Generator(5), 2, 3, 5)));
        assertTrue(e.getMessage().contains("embedDim 4"), e.getMessage());

        AdditiveAttention add = new AdditiveAttention(4, 4, 3);
        assertThrows(UnsupportedOperationException.class, () -> add.forward(x));
        e = assertThrows(ShapeException.class, () -> add.forward(x.select(1, 0), x, x,
                Tensor.ones(Shape.of(2, 4), DType.BOOL)));
        assertTrue(e.getMessage().contains("keyPaddingMask"), e.getMessage());
    }
}
