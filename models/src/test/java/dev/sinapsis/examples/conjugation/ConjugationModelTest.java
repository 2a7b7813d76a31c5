package dev.sinapsis.examples.conjugation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.nn.functional.Attention;
import dev.sinapsis.nn.functional.AttentionOutput;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.GradClip;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encoder-decoder's attention is Bahdanau's, and a short training already conjugates unseen verbs. */
class ConjugationModelTest {
    /** The decoder's attention (key projections computed once) equals AdditiveAttention.forward. */
    @Test
    void attentionStepEqualsTheAdditiveAttentionModule() {
        try (var b = Backends.using(Backends.get("cpu"))) {
            Generator gen = new Generator(7);
            ConjugationModel model = new ConjugationModel(30, 8, 6, 10, 5, gen);
            Tensor outputs = Tensor.randn(gen, 3, 4, 12);
            Tensor state = Tensor.randn(gen, 3, 10);
            int[] lengths = {4, 2, 3};
            Tensor[] mine = model.attend(outputs, lengths, state);
            AttentionOutput ref = model.attention().forward(state, outputs, outputs,
                    Attention.keyPaddingMask(lengths, 4));
            assertClose(ref.weights().toFloatArray(), mine[1].toFloatArray());
            assertClose(ref.output().toFloatArray(), mine[0].toFloatArray());
            float[] w = mine[1].toFloatArray();
            assertTrue(w[1 * 4 + 2] == 0 && w[1 * 4 + 3] == 0, "padded keys get no weight");
        }
    }

    /**
     * 120 steps on the regular training verbs (the default run, two epochs on every training verb, reaches over 90%; see
     * the README) already give clearly-above-chance exact matches on held-out regular verbs,
     * whose forms the model has never seen (chance is about zero).
     */
    @Test
    void shortTrainingConjugatesHeldOutRegularVerbs() {
        try (var b = Backends.using(Backends.get("cpu"))) {
            List<VerbForm> rows = VerbCorpus.load();
            Symbols symbols = new Symbols(rows);
            List<VerbForm> train = rows.stream().filter(r -> !r.heldOut() && r.regular()).toList();
            List<VerbForm> held = rows.stream().filter(r -> r.heldOut() && r.regular()).toList();
            Generator gen = new Generator(1);
            SplittableRandom rng = new SplittableRandom(1);
            ConjugationModel model = new ConjugationModel(symbols.size(), 32, 64, 128, 64, gen);
            Adam adam = Adam.builder(model.parameters()).lr(3e-3).build();
            List<VerbForm> order = new ArrayList<>(train);
            java.util.Collections.shuffle(order, new java.util.Random(1));
            for (int step = 0; step < 120; step++) {
                int from = (step * 64) % (order.size() - 64);
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = model.loss(Batch.of(order.subList(from, from + 64), symbols), 0.5, rng);
                    adam.zeroGrad();
                    loss.backward();
                    GradClip.clipGradNorm(model.parameters(), 1.0);
                    adam.step();
                }
            }
            double accuracy = ConjugationExample.accuracy(model, symbols, held);
            System.out.println("ConjugationModelTest: held-out regular exact match after 120 steps " + accuracy);
            assertTrue(accuracy > 0.5, "held-out regular exact match " + accuracy);
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertArrayEquals(expected, actual, 1e-5f);
    }
}
