package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.nn.Flatten;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Sequential;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-finite training loss stops the run before its update is applied, a non-finite test loss
 * stops it before the epoch is saved, and non-finite weights are never saved: each time the
 * checkpoint keeps the last finite state.
 */
class TrainerDivergenceTest {
    @TempDir
    Path tmp;

    private static final TrainingData DATA = TrainingData.embedded();
    private static final int BATCHES = 8; // 200 examples in batches of 25

    private static RunConfig config(int epochs) {
        return new RunConfig(ModelSpec.defaults("mlp"), "embedded", epochs, 25, 1e-2, "adam", 0, "none", 0, 3, 200, 100);
    }

    /**
     * Softmax regression whose logits turn NaN on a chosen training call, and +Inf on a chosen
     * evaluation call (no NaN logit, but a NaN loss: Inf - Inf in the log-softmax).
     */
    private static final class Faulty extends Module {
        final Sequential net = new Sequential(new Flatten(), new Linear(784, 10, true, new Generator(1)));
        final int nanTrainingCall;
        final int nanEvalCall;
        int trainingCalls;
        int evalCalls;

        Faulty(int nanTrainingCall, int nanEvalCall) {
            this.nanTrainingCall = nanTrainingCall;
            this.nanEvalCall = nanEvalCall;
            registerModule("net", net);
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor logits = net.forward(x);
            int call = isTraining() ? ++trainingCalls : ++evalCalls;
            if (isTraining()) {
                return call == nanTrainingCall ? logits.mul(Double.NaN) : logits;
            }
            return call == nanEvalCall ? logits.add(Double.POSITIVE_INFINITY) : logits;
        }
    }

    private static List<float[]> copy(Module m) {
        List<float[]> out = new ArrayList<>();
        for (Tensor p : m.parameters()) {
            out.add(p.toFloatArray());
        }
        return out;
    }

    @Test
    void nanTrainingLossStopsBeforeTheStepIsApplied() throws Exception {
        Faulty model = new Faulty(BATCHES + 3, -1); // the 3rd step of epoch 2
        List<List<float[]>> afterEachStep = new ArrayList<>();
        byte[][] checkpointAfterEpoch1 = new byte[1][];
        TrainingListener watch = new TrainingListener() {
            @Override
            public void batchDone(int samplesSoFar, double meanLoss, double accuracy, double samplesPerSec) {
                afterEachStep.add(copy(model));
            }

            @Override
            public void epochDone(EpochStats stats, int epochs) {
                try {
                    checkpointAfterEpoch1[0] = Files.readAllBytes(tmp.resolve(Trainer.CHECKPOINT));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Trainer t = new Trainer(config(3), model, null, DATA.train(), DATA.test(), tmp, watch);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        String m = e.getMessage();
        assertTrue(m.contains("the loss became NaN at epoch 2, step " + (BATCHES + 3)) && m.contains("not applied")
                && m.contains("(epoch 1, step " + BATCHES + ")"), m);
        assertEquals(BATCHES + 2, afterEachStep.size(), "two steps of epoch 2 were taken");
        List<float[]> lastFinite = afterEachStep.get(afterEachStep.size() - 1);
        List<float[]> now = copy(model);
        for (int i = 0; i < now.size(); i++) {
            assertArrayEquals(lastFinite.get(i), now.get(i), "parameter " + i + " changed by the NaN step");
        }
        assertEquals(BATCHES + 2, t.step());
        assertArrayEquals(checkpointAfterEpoch1[0], Files.readAllBytes(tmp.resolve(Trainer.CHECKPOINT)),
                "the checkpoint of epoch 1 is intact");
    }

    @Test
    void nanTestLossStopsTheRunAndKeepsThePreviousCheckpoint() throws Exception {
        Faulty model = new Faulty(-1, 2); // the evaluation after epoch 2
        Trainer t = new Trainer(config(4), model, null, DATA.train(), DATA.test(), tmp, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertTrue(e.getMessage().contains("the test loss became NaN after epoch 2 (step " + 2 * BATCHES + ")")
                && e.getMessage().contains("(epoch 1, step " + BATCHES + ")"), e.getMessage());
        assertEquals(1, t.epochsDone(), "epoch 2 is not counted as done");
        assertEquals("1", SafeTensors.read(tmp.resolve(Trainer.CHECKPOINT)).metadata().get("sinapsis.epoch"));
        assertEquals(2, Files.readAllLines(tmp.resolve(RunFiles.METRICS)).size(), "metrics.csv: header + epoch 1");
    }

    /** A parameter at 0 read through sqrt: finite forward and loss, but a NaN gradient (0 * Inf). */
    private static final class NanGradient extends Module {
        final Sequential net = new Sequential(new Flatten(), new Linear(784, 10, true, new Generator(1)));
        final Tensor zero = Tensor.zeros(1);

        NanGradient() {
            registerModule("net", net);
            registerParameter("zero", zero);
        }

        @Override
        public Tensor forward(Tensor x) {
            return net.forward(x).add(zero.sqrt().mul(0));
        }
    }

    @Test
    void nonFiniteWeightsAreNeverSaved() throws Exception {
        NanGradient model = new NanGradient();
        Trainer t = new Trainer(config(2), model, null, DATA.train(), DATA.test(), tmp, null).checkpointEvery(1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertTrue(e.getMessage().contains("weight 'zero' became non-finite by epoch 1, step 1 and was not saved"),
                e.getMessage());
        assertTrue(Files.notExists(tmp.resolve(Trainer.CHECKPOINT)), "nothing was saved");
    }
}
