package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Trainer on a model of the caller's, and early stopping. */
class TrainerTest {
    @TempDir
    Path tmp;

    private static final TrainingData DATA = TrainingData.embedded();

    private static RunConfig config(int epochs, double lr, int patience, int trainLimit) {
        return new RunConfig(ModelSpec.defaults("mlp"), "embedded", epochs, 50, lr, "adam", 0, "none", patience, 3,
                trainLimit, 500);
    }

    @Test
    void trainsAnyModule() throws Exception {
        Sequential softmaxRegression = new Sequential(new Flatten(), new Linear(784, 10, true, new Generator(1)));
        Trainer t = new Trainer(config(2, 1e-2, 0, 2000), softmaxRegression, null, DATA.train(), DATA.test(), tmp, null);
        Trainer.Result r = t.fit();
        assertEquals(2, r.history().size());
        assertTrue(r.testAccuracy() > 0.8, "accuracy " + r.testAccuracy());
        assertTrue(r.history().get(1).trainLoss() < r.history().get(0).trainLoss());
        assertTrue(Files.size(tmp.resolve(Trainer.CHECKPOINT)) > 0);
        assertEquals(3, Files.readAllLines(tmp.resolve(RunFiles.METRICS)).size());
    }

    @Test
    void stopsEarlyWhenTheTestLossStopsImproving() throws Exception {
        Trainer t = new Trainer(config(30, 1e-2, 2, 100), DATA.train(), DATA.test(), tmp, null);
        Trainer.Result r = t.fit();
        assertTrue(r.stoppedEarly(), "an MLP on 100 examples overfits within 30 epochs");
        assertTrue(r.history().size() < 30);
        double best = r.history().stream().mapToDouble(EpochStats::evalLoss).min().orElseThrow();
        int bestEpoch = r.history().stream().filter(e -> e.evalLoss() == best).findFirst().orElseThrow().epoch();
        assertEquals(bestEpoch + 2, r.history().size(), "stops after 2 epochs without improvement");
    }
}
