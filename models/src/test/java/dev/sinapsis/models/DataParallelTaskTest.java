package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seam data-parallel training uses: the gradients of a batch's shares add up to the batch's. */
class DataParallelTaskTest {
    private static final TrainingData DATA = TrainingData.embedded();

    private static ClassifierTask task() {
        RunConfig c = new RunConfig(new ModelSpec("mlp", new int[] {32}, "relu", 0), "embedded", 1, 8, 1e-3, "adam", 0,
                "none", 0, 5, 0, 0);
        return ClassifierTask.create(c, DATA.train());
    }

    private static Batch batch(Dataset d) {
        return DataLoader.builder(d).batchSize(d.size()).build().epoch(0).iterator().next();
    }

    private static final StepContext CONTEXT = new StepContext() {
        @Override
        public int epoch() {
            return 1;
        }

        @Override
        public long step() {
            return 0;
        }

        @Override
        public double requireFinite(String name, Tensor loss) {
            return loss.item();
        }
    };

    private static List<double[]> grads(ClassifierTask t) {
        List<double[]> out = new ArrayList<>();
        t.model().parameters().forEach(p -> out.add(p.grad().toDoubleArray()));
        return out;
    }

    @Test
    void sharesOfABatchSumToItsGradientAndFigures() {
        Dataset eight = DATA.train().subset(0, 8);
        ClassifierTask whole = task();
        whole.zeroGradients();
        double[] all = whole.accumulateGradients(batch(eight), 8, CONTEXT);
        ClassifierTask split = task();
        split.zeroGradients();
        double[] a = split.accumulateGradients(batch(eight.subset(0, 3)), 8, CONTEXT);
        double[] b = split.accumulateGradients(batch(eight.subset(3, 8)), 8, CONTEXT); // adds to a's gradients
        assertEquals(all[0], a[0] + b[0], 1e-5, "loss sums");
        assertEquals(all[1], a[1] + b[1], "correct predictions");
        List<double[]> expected = grads(whole);
        List<double[]> actual = grads(split);
        double largest = 0;
        for (int i = 0; i < expected.size(); i++) {
            for (double v : expected.get(i)) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertArrayEquals(expected.get(i), actual.get(i), 1e-6, "parameter " + i);
        }
        assertTrue(largest > 1e-3, "the gradients are not all zero: " + largest);
        // one share of everything, unscaled: the training step's gradient
        ClassifierTask stepped = task();
        stepped.trainingStep(batch(eight), CONTEXT);
        whole.applyGradients();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(whole.model().parameters().get(i).toDoubleArray(),
                    stepped.model().parameters().get(i).toDoubleArray(), 0, "parameter " + i + " after the step");
        }
    }
}
