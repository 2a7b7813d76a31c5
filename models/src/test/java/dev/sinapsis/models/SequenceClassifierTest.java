package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The text classifier ignores padding: a padded batch gives each text the logits it gets alone,
 * for every pooling, both recurrent kinds, one and two directions; and the parameter count its
 * spec predicts is the one it has.
 */
class SequenceClassifierTest {
    private static SequenceClassifier model(String kind, String pooling, boolean bidirectional) {
        SequenceModelSpec spec = new SequenceModelSpec(kind, 5, 4, 2, bidirectional, pooling, 0.3, 0.5, 50, 16, "end");
        SequenceClassifier m = new SequenceClassifier(spec, 2, new Generator(1), new Generator(2), new Generator(3));
        m.eval();
        return m;
    }

    @Test
    void paddingChangesNothing() {
        long[][] texts = {{7, 3, 9, 4, 4, 12, 30}, {5, 2}, {49, 8, 1, 3}};
        int steps = 7;
        long[] padded = new long[texts.length * steps];
        int[] lengths = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            lengths[i] = texts[i].length;
            System.arraycopy(texts[i], 0, padded, i * steps, texts[i].length);
        }
        for (String kind : SequenceModelSpec.KINDS) {
            for (String pooling : SequenceModelSpec.POOLINGS) {
                for (boolean bidi : new boolean[] {false, true}) {
                    SequenceClassifier m = model(kind, pooling, bidi);
                    String what = kind + " " + pooling + (bidi ? " bidirectional" : "");
                    try (var ignored = Autograd.noGrad()) {
                        float[] batch = m.forward(Tensor.of(padded, texts.length, steps), lengths).toFloatArray();
                        for (int i = 0; i < texts.length; i++) {
                            float[] alone = m.forward(Tensor.of(texts[i], 1, texts[i].length)).toFloatArray();
                            assertArrayEquals(alone, Arrays.copyOfRange(batch, 2 * i, 2 * i + 2), 1e-5f,
                                    what + ": text " + i);
                        }
                    }
                    assertEquals(model(kind, pooling, bidi).spec().parameterCount(2), m.parameterCount(), what);
                }
            }
        }
    }
}
