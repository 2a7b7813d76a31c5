package dev.sinapsis.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped MNIST classifier the sample-quality figures rest on. */
class FeatureClassifierTest {
    @Test
    void theShippedMnistClassifierClassifiesTheEmbeddedTestImages() {
        assertTrue(FeatureClassifier.isShipped("mnist"));
        Dataset test = TrainingData.embedded().test();
        int n = test.size();
        try (FeatureClassifier c = FeatureClassifier.load("mnist")) {
            FeatureClassifier.Outputs out = c.run(QualityReference.images(test, n));
            assertEquals(n, out.features().length);
            assertEquals(128, out.features()[0].length, "the penultimate layer's width");
            int correct = 0;
            for (int i = 0; i < n; i++) {
                double[] p = out.probabilities()[i];
                assertEquals(10, p.length);
                int best = 0;
                double sum = 0;
                for (int k = 0; k < 10; k++) {
                    sum += p[k];
                    best = p[k] > p[best] ? k : best;
                }
                assertEquals(1, sum, 1e-6, "probabilities of image " + i);
                correct += best == test.target(i) ? 1 : 0;
            }
            // 0.9938 on the full 10,000-image test split (classifier/mnist/summary.json)
            assertTrue(correct >= 0.99 * n, "accuracy " + correct + "/" + n);
        }
    }

    @Test
    void theShippedFashionClassifierLoadsAndJudges() {
        assertTrue(FeatureClassifier.isShipped("fashion-mnist"));
        try (FeatureClassifier c = FeatureClassifier.load("fashion-mnist")) {
            Tensor images = Tensor.rand(new Generator(5), 3, 1, 28, 28);
            FeatureClassifier.Outputs out = c.run(images);
            assertEquals(3, out.features().length);
            assertEquals(128, out.features()[0].length, "the penultimate layer's width");
            for (double[] p : out.probabilities()) {
                assertEquals(10, p.length);
                assertEquals(1, java.util.Arrays.stream(p).sum(), 1e-6);
            }
        }
    }

    @Test
    void dataIsJudgedOnlyByAShippedClassifier() {
        assertEquals(Optional.of("fashion-mnist"), FeatureClassifier.nameFor("fashion-mnist"));
        assertEquals(Optional.of("mnist"), FeatureClassifier.nameFor("embedded"));
        assertEquals(Optional.of("mnist"), FeatureClassifier.nameFor("mnist"));
        assertEquals(Optional.empty(), FeatureClassifier.nameFor("/some/idx/dir"));
        assertFalse(FeatureClassifier.isShipped("no-such-classifier"));
    }
}
