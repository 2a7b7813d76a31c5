package dev.sinapsis.models.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sinapsis.tensor.Shape;
import org.junit.jupiter.api.Test;

/** The embedded MNIST subset: 10,000 training and 2,000 test images of 1x28x28 with labels 0-9. */
class TrainingDataTest {
    @Test
    void embeddedSubsetLoads() {
        TrainingData d = TrainingData.embedded();
        assertEquals("mnist-embedded", d.name());
        assertEquals(10_000, d.train().size());
        assertEquals(2_000, d.test().size());
        assertEquals(Shape.of(1, 28, 28), d.train().inputShape());
        assertEquals(10, d.train().numClasses());
        // The first labels of MNIST's training and test files.
        assertEquals(5, d.train().target(0));
        assertEquals(0, d.train().target(1));
        assertEquals(4, d.train().target(2));
        assertEquals(7, d.test().target(0));
        assertEquals(2, d.test().target(1));
    }
}
