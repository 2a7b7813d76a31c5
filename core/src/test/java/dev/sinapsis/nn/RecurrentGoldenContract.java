package dev.sinapsis.nn;

import static dev.sinapsis.nn.NnGolden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.ScopedBackendTestBase;
import dev.sinapsis.golden.Golden;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RNN, LSTM, GRU and their cells against PyTorch 1.13 ({@code golden/nn_recurrent.py}): every
 * layer type x {1, 2 layers} x {uni-, bidirectional} x {full length, variable lengths through
 * {@code pack_padded_sequence}}, plus relu, no bias, batch first, initial states, an unbatched
 * sequence and the cells — outputs, final states, and the gradients with respect to the input, the
 * initial states and some parameters, in F64 and F32. The weights come in as PyTorch state dicts
 * (from the fixture, and from a safetensors file PyTorch's state dicts were saved to).
 */
public abstract class RecurrentGoldenContract extends ScopedBackendTestBase {

    static final Golden FIXTURE = Golden.load("nn_recurrent.txt");
    private static final DType[] DTYPES = {DType.F64, DType.F32};

    /** The fixed projection {@code P(shape, k)[i] = sin(0.5 + 1.3 i + k)} the script uses for the loss. */
    static Tensor projection(Tensor like, int k) {
        double[] v = new double[like.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(0.5 + 1.3 * i + k);
        }
        return Tensor.of(v, like.shape().toArray()).to(like.dtype());
    }

    /** The state dict stored under {@code prefix.} in the fixture, with PyTorch's names. */
    static Map<String, Tensor> torchState(String prefix) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String n : FIXTURE.names()) {
            if (n.startsWith(prefix + ".") && (n.contains(".weight_") || n.contains(".bias_"))) {
                state.put(n.substring(prefix.length() + 1), FIXTURE.tensor(n, DType.F64));
            }
        }
        assertTrue(!state.isEmpty(), "no state dict '" + prefix + "' in the fixture");
        return state;
    }

    /** A layer with the architecture the PyTorch state dict describes (kind and layout from the name). */
    static RNNBase layerFor(String module, Map<String, Tensor> state, DType dtype) {
        int layers = 0;
        while (state.containsKey("weight_ih_l" + layers)) {
            layers++;
        }
        boolean bi = state.containsKey("weight_ih_l0_reverse");
        boolean bias = state.containsKey("bias_ih_l0");
        int hidden = state.get("weight_hh_l0").dim(1);
        int input = state.get("weight_ih_l0").dim(1);
        boolean batchFirst = module.contains("_bf");
        Generator gen = new Generator(1);
        RNNBase layer;
        if (module.startsWith("lstm")) {
            layer = LSTM.builder(input, hidden).numLayers(layers).bidirectional(bi).bias(bias).batchFirst(batchFirst)
                    .generator(gen).dtype(dtype).build();
        } else if (module.startsWith("gru")) {
            layer = GRU.builder(input, hidden).numLayers(layers).bidirectional(bi).bias(bias).batchFirst(batchFirst)
                    .generator(gen).dtype(dtype).build();
        } else {
            layer = RNN.builder(input, hidden).numLayers(layers).bidirectional(bi).bias(bias).batchFirst(batchFirst)
                    .nonlinearity(module.startsWith("rnn_relu") ? RNN.Nonlinearity.RELU : RNN.Nonlinearity.TANH)
                    .generator(gen).dtype(dtype).build();
        }
        layer.loadStateDict(state);
        return layer;
    }

    /** Every layer case of the fixture: the names with an output sequence. */
    private static List<String> layerCases() {
        List<String> cases = new ArrayList<>();
        for (String n : FIXTURE.names()) {
            if (n.endsWith(".out") && !n.startsWith("st.")) {
                cases.add(n.substring(0, n.length() - 4));
            }
        }
        return cases;
    }

    static int[] lengths(String name) {
        if (!FIXTURE.names().contains(name)) {
            return null;
        }
        double[] v = FIXTURE.get(name).values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    private static Tensor leaf(String name, DType dtype) {
        return FIXTURE.names().contains(name) ? FIXTURE.tensor(name, DType.F64).to(dtype).requiresGrad(true) : null;
    }

    @Test
    void layersMatchPyTorchWithPackedSequences() {
        List<String> cases = layerCases();
        assertEquals(33, cases.size(), "cases in the fixture: " + cases);
        for (DType d : DTYPES) {
            for (String c : cases) {
                if (d == DType.F32 && c.endsWith("_full")) {
                    continue; // F32 on the variable-length cases only, to keep the suite quick on PoCL
                }
                String module = c.substring(0, c.lastIndexOf('_'));
                RNNBase layer = layerFor(module, torchState(module), d);
                Tensor x = leaf(c + ".x", d);
                Tensor h0 = leaf(c + ".h0", d);
                Tensor c0 = leaf(c + ".c0", d);
                RecurrentOutput out = layer.forward(x, lengths(c + ".lengths"), h0 == null ? null : new RecurrentState(h0, c0));
                String what = c + " (" + d + ")";
                assertClose(what + " output", FIXTURE.tensor(c + ".out", DType.F64), out.output(), d);
                assertClose(what + " h_n", FIXTURE.tensor(c + ".hn", DType.F64), out.hN(), d);
                Tensor loss = out.output().mul(projection(out.output(), 0)).sum()
                        .add(out.hN().mul(projection(out.hN(), 1)).sum());
                if (module.startsWith("lstm")) {
                    assertClose(what + " c_n", FIXTURE.tensor(c + ".cn", DType.F64), out.cN(), d);
                    loss = loss.add(out.cN().mul(projection(out.cN(), 2)).sum());
                } else {
                    assertNull(out.cN(), what + ": only an LSTM has a cell state");
                }
                loss.backward();
                assertClose(what + " grad x", FIXTURE.tensor(c + ".gx", DType.F64), x.grad(), d);
                if (h0 != null) {
                    assertClose(what + " grad h0", FIXTURE.tensor(c + ".gh0", DType.F64), h0.grad(), d);
                }
                if (c0 != null) {
                    assertClose(what + " grad c0", FIXTURE.tensor(c + ".gc0", DType.F64), c0.grad(), d);
                }
                int params = 0;
                for (Parameter p : layer.namedParameters()) {
                    String g = c + ".g" + p.name();
                    if (FIXTURE.names().contains(g)) {
                        assertNotNull(p.value().grad(), what + ": no gradient reached " + p.name());
                        assertClose(what + " grad " + p.name(), FIXTURE.tensor(g, DType.F64), p.value().grad(), d);
                        params++;
                    }
                }
                assertTrue(params >= 1, what + ": no parameter gradient compared");
                layer.close();
            }
        }
    }

    @Test
    void cellsMatchPyTorch() {
        for (DType d : DTYPES) {
            for (String c : List.of("rnncell_tanh", "rnncell_relu", "lstmcell", "grucell", "grucell_nobias")) {
                Map<String, Tensor> state = torchState(c);
                int input = state.get("weight_ih").dim(1);
                int hidden = state.get("weight_hh").dim(1);
                boolean bias = state.containsKey("bias_ih");
                Generator gen = new Generator(2);
                RNNCellBase cell = switch (c) {
                    case "rnncell_tanh" -> new RNNCell(input, hidden, bias, RNN.Nonlinearity.TANH, gen, d);
                    case "rnncell_relu" -> new RNNCell(input, hidden, bias, RNN.Nonlinearity.RELU, gen, d);
                    case "lstmcell" -> new LSTMCell(input, hidden, bias, gen, d);
                    default -> new GRUCell(input, hidden, bias, gen, d);
                };
                cell.loadStateDict(state);
                Tensor x = leaf(c + ".x", d);
                Tensor h = leaf(c + ".h0", d);
                Tensor cc = leaf(c + ".c0", d);
                Tensor hn;
                Tensor loss;
                String what = c + " (" + d + ")";
                if (cell instanceof LSTMCell lstm) {
                    RecurrentState s = lstm.forward(x, new RecurrentState(h, cc));
                    hn = s.h();
                    assertClose(what + " c", FIXTURE.tensor(c + ".cn", DType.F64), s.c(), d);
                    loss = hn.mul(projection(hn, 1)).sum().add(s.c().mul(projection(s.c(), 2)).sum());
                } else {
                    hn = cell instanceof RNNCell r ? r.forward(x, h) : ((GRUCell) cell).forward(x, h);
                    loss = hn.mul(projection(hn, 1)).sum();
                }
                assertClose(what + " h", FIXTURE.tensor(c + ".hn", DType.F64), hn, d);
                loss.backward();
                assertClose(what + " grad x", FIXTURE.tensor(c + ".gx", DType.F64), x.grad(), d);
                assertClose(what + " grad h", FIXTURE.tensor(c + ".gh0", DType.F64), h.grad(), d);
                if (cc != null) {
                    assertClose(what + " grad c", FIXTURE.tensor(c + ".gc0", DType.F64), cc.grad(), d);
                }
                for (Parameter p : cell.namedParameters()) {
                    assertClose(what + " grad " + p.name(), FIXTURE.tensor(c + ".g" + p.name(), DType.F64),
                            p.value().grad(), d);
                }
                cell.close();
            }
        }
    }

    @Test
    void stateDictsHavePyTorchNamesOrderAndShapes() {
        for (String module : List.of("lstm_l2_bi", "gru_l2_bi", "rnn_l2_bi", "lstm_l1_nobias", "gru_l1_nobias")) {
            Map<String, Tensor> torch = torchState(module);
            RNNBase layer = layerFor(module, torch, DType.F32);
            Map<String, Tensor> mine = layer.stateDict();
            assertEquals(List.copyOf(torch.keySet()), List.copyOf(mine.keySet()), module + ": names in PyTorch's order");
            for (Map.Entry<String, Tensor> e : torch.entrySet()) {
                assertEquals(e.getValue().shape(), mine.get(e.getKey()).shape(), module + " " + e.getKey());
            }
            layer.close();
        }
        LSTM noBias = LSTM.builder(3, 3).bias(false).build();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(noBias.stateDict().keySet()),
                "bias(false) has no bias entries");
        noBias.close();
    }

    @Test
    void pyTorchStateDictsSavedAsSafeTensorsReproducePyTorch() throws IOException {
        Path file = Files.createTempFile("torch_recurrent", ".safetensors");
        try (InputStream in = RecurrentGoldenContract.class.getResourceAsStream("/io/torch_recurrent.safetensors")) {
            assertNotNull(in, "torch_recurrent.safetensors is not on the class path");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            SafeTensors.Contents contents = SafeTensors.read(file);
            for (String kind : List.of("lstm", "gru", "rnn")) {
                Map<String, Tensor> state = new LinkedHashMap<>();
                contents.tensors().forEach((k, v) -> {
                    if (k.startsWith(kind + ".")) {
                        state.put(k.substring(kind.length() + 1), v);
                    }
                });
                assertEquals(DType.F32, state.get("weight_hh_l1_reverse").dtype());
                RNNBase layer = layerFor(kind + "_l2_bi", state, DType.F32);
                RecurrentOutput out = layer.forward(FIXTURE.tensor("st.x", DType.F32), new int[] {3, 5, 1});
                assertClose(kind + " output", FIXTURE.tensor("st." + kind + ".out", DType.F64), out.output(), DType.F32);
                assertClose(kind + " h_n", FIXTURE.tensor("st." + kind + ".hn", DType.F64), out.hN(), DType.F32);
                if (kind.equals("lstm")) {
                    assertClose(kind + " c_n", FIXTURE.tensor("st.lstm.cn", DType.F64), out.cN(), DType.F32);
                }
                layer.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
