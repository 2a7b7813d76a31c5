package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.nn.ModuleSummary;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code Module.summary} of the zoo's models against parameter counts worked out by hand. */
class ZooSummaryTest {
    private static Map<String, ModuleSummary.Row> rows(ModuleSummary s) {
        return s.rows().stream().collect(Collectors.toMap(ModuleSummary.Row::name, Function.identity()));
    }

    @Test
    void mlp() {
        Mlp mlp = new Mlp(784, new int[] {512, 256}, 10, "relu", 0.2, new Generator(1), new Generator(2));
        ModuleSummary s = mlp.summary(1, 28, 28);
        long l1 = 784 * 512 + 512;   // 401,920
        long l2 = 512 * 256 + 256;   // 131,328
        long l3 = 256 * 10 + 10;     //   2,570
        assertEquals(401_920 + 131_328 + 2_570, l1 + l2 + l3);
        assertEquals(l1 + l2 + l3, s.trainable());
        assertEquals(0, s.nonTrainable());
        assertEquals(4 * (l1 + l2 + l3), s.bytes()); // F32
        Map<String, ModuleSummary.Row> r = rows(s);
        // net.0 Standardize, net.1 Flatten, net.2 Linear, net.3 ReLU, net.4 Dropout, net.5 Linear ...
        assertEquals(l1, r.get("net.2").params());
        assertEquals(Shape.of(1, 784), r.get("net.1").output());
        assertEquals(Shape.of(1, 512), r.get("net.2").output());
        assertEquals(l2, r.get("net.5").params());
        assertEquals(l3, r.get("net.8").params());
        assertEquals(Shape.of(1, 10), s.output());
        assertTrue(s.toString().contains("Total params: 535,818"), s.toString());
    }

    @Test
    void cnn() {
        Cnn cnn = new Cnn(1, 28, 28, 16, 32, 128, 10, 0.25, new Generator(1), new Generator(2));
        ModuleSummary s = cnn.summary(1, 1, 28, 28);
        long conv1 = 16 * 1 * 5 * 5 + 16;        //     416
        long conv2 = 32 * 16 * 5 * 5 + 32;       //  12,832
        long dense = (32 * 7 * 7) * 128 + 128;   // 200,832: two 2x2 poolings take 28 to 7
        long out = 128 * 10 + 10;                //   1,290
        assertEquals(215_370, conv1 + conv2 + dense + out); // the README's "215,370 parameters"
        assertEquals(conv1 + conv2 + dense + out, s.trainable());
        Map<String, ModuleSummary.Row> r = rows(s);
        assertEquals(conv1, r.get("net.1").params());
        assertEquals(Shape.of(1, 16, 28, 28), r.get("net.1").output());
        assertEquals(Shape.of(1, 16, 14, 14), r.get("net.3").output());
        assertEquals(conv2, r.get("net.4").params());
        assertEquals(Shape.of(1, 32, 7, 7), r.get("net.6").output());
        assertEquals(Shape.of(1, 1568), r.get("net.7").output());
        assertEquals(dense, r.get("net.8").params());
        assertEquals(out, r.get("net.11").params());
        assertEquals(Shape.of(1, 10), s.output());
    }

    @Test
    void lstmAndGruClassifiers() {
        for (String kind : new String[] {"lstm", "gru"}) {
            SequenceModelSpec spec = new SequenceModelSpec(kind, 8, 6, 1, false, "max-mean", 0.1, 0.5, 50, 12, "end");
            SequenceClassifier m = new SequenceClassifier(spec, 2, new Generator(1), new Generator(2), new Generator(3));
            int gates = kind.equals("lstm") ? 4 : 3;
            long embedding = 50 * 8;                                   // 400
            long rnn = gates * 6 * (8 + 6) + 2 * gates * 6;            // W_ih, W_hh, b_ih, b_hh: 384 (lstm), 288 (gru)
            long fc = (6 * 2) * 2 + 2;                                 // max and mean side by side: 26
            try (Tensor ids = Tensor.of(new long[] {5, 9, 2, 7, 3, 3, 1, 4, 8, 2, 6, 7}, 1, 12)) {
                ModuleSummary s = m.summary(ids);
                assertEquals(embedding + rnn + fc, s.trainable(), kind);
                assertEquals(kind.equals("lstm") ? 810 : 714, s.trainable(), kind);
                Map<String, ModuleSummary.Row> r = rows(s);
                assertEquals(embedding, r.get("embedding").params());
                assertEquals(rnn, r.get("rnn").params(), kind);
                assertEquals(fc, r.get("fc").params());
                // children called from forward, not by a Sequential: their shapes are not observable
                assertNull(r.get("fc").output());
                assertEquals(Shape.of(1, 2), s.output());
            }
        }
    }
}
