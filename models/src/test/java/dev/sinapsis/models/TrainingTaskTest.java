package dev.sinapsis.models;

import static dev.sinapsis.models.TrainerCheckpointTest.assertSameTensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.ArrayDataset;
import dev.sinapsis.data.Batch;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.functional.Losses;
import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.SGD;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Trainer drives any task: here one with two modules, two optimizers updated one after the
 * other in each step (as a GAN's discriminator and generator are), a noise generator, metadata of
 * its own, an artefact per epoch and no evaluation. Stopped mid-epoch and resumed, it ends exactly
 * where an uninterrupted run does.
 */
class TrainingTaskTest {
    @TempDir
    Path tmp;

    private static final Dataset DATA = blobs(96, 5);
    private static final RunConfig CONFIG = new RunConfig(ModelSpec.defaults("mlp"), "blobs", 3, 16, 1e-2, "adam", 0,
            "none", 0, 9, 0, 0); // 6 batches per epoch

    /** Two Gaussian blobs in 4 dimensions, labelled by blob. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[4 * i + j] = (float) (r.nextGaussian() + (y[i] == 1 ? 1.5 : -1.5));
            }
        }
        return new ArrayDataset(x, Shape.of(4), y, 2);
    }

    /** Two classifiers, the second trained on noisy inputs; NaN second loss at step {@code nanAt}. */
    static final class TwoModels implements TrainingTask {
        final Linear first = new Linear(4, 2, true, new Generator(1));
        final Linear second = new Linear(4, 2, true, new Generator(2));
        final Optimizer firstOpt = Adam.builder(first.parameters()).lr(1e-2).build();
        final Optimizer secondOpt = SGD.builder(second.parameters()).lr(0.1).momentum(0.9).build();
        final Generator noise = new Generator(77);
        final long nanAt;
        int epochsEnded;

        TwoModels(long nanAt) {
            this.nanAt = nanAt;
        }

        @Override
        public Map<String, Module> modules() {
            Map<String, Module> m = new LinkedHashMap<>();
            m.put("first", first);
            m.put("second", second);
            return m;
        }

        @Override
        public Map<String, Optimizer> optimizers() {
            Map<String, Optimizer> m = new LinkedHashMap<>();
            m.put("first_opt", firstOpt);
            m.put("second_opt", secondOpt);
            return m;
        }

        @Override
        public Map<String, Generator> generators() {
            return Map.of("noise", noise);
        }

        @Override
        public List<String> trainingFigures() {
            return List.of("first_loss", "second_loss");
        }

        @Override
        public double[] trainingStep(Batch batch, StepContext context) {
            Tensor l1 = Losses.crossEntropy(first.forward(batch.inputs()), batch.targets());
            double a = context.requireFinite("first loss", l1);
            firstOpt.zeroGrad();
            l1.backward();
            firstOpt.step();
            Tensor noisy = batch.inputs().add(Tensor.randn(noise, batch.size(), 4).mul(0.5));
            Tensor l2 = Losses.crossEntropy(second.forward(noisy), batch.targets());
            if (context.step() + 1 == nanAt) {
                l2 = l2.mul(Double.NaN);
            }
            double b = context.requireFinite("second loss", l2);
            secondOpt.zeroGrad();
            l2.backward();
            secondOpt.step();
            return new double[] {a * batch.size(), b * batch.size()};
        }

        @Override
        public List<String> evaluationFigures() {
            return List.of();
        }

        @Override
        public Map<String, String> metadata() {
            return Map.of("toy.labels", "left,right");
        }

        @Override
        public void epochEnd(int epoch, Path runDir) throws IOException {
            epochsEnded++;
            Files.writeString(runDir.resolve("epoch-" + epoch + ".txt"), "done");
        }
    }

    /** Stops the run after {@code stopAt} steps. */
    private static final class StopAt implements TrainingListener {
        Trainer trainer;
        final long stopAt;

        StopAt(long stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void batchDone(int samplesSoFar, Map<String, Double> figures, double samplesPerSec) {
            assertEquals(List.of("first_loss", "second_loss"), List.copyOf(figures.keySet()));
            if (trainer.step() == stopAt) {
                trainer.requestStop();
            }
        }
    }

    private Trainer part(Path dir, long stopAt, boolean resume) throws Exception {
        StopAt stop = new StopAt(stopAt);
        Trainer t = new Trainer(CONFIG, new TwoModels(-1), DATA, null, dir, stop);
        stop.trainer = t;
        if (resume) {
            t.resume();
        }
        return t;
    }

    @Test
    void aTaskWithTwoOptimizersResumesExactly() throws Exception {
        Path whole = tmp.resolve("whole");
        TwoModels task = new TwoModels(-1);
        Trainer.Result expected = new Trainer(CONFIG, task, DATA, null, whole, null).fit();
        assertEquals(3, task.epochsEnded);
        assertTrue(Files.isRegularFile(whole.resolve("epoch-3.txt")), "the task's artefact of epoch 3");
        assertTrue(expected.history().get(2).metric("train_second_loss")
                < expected.history().get(0).metric("train_second_loss"), "it learns");
        assertEquals(Map.of(), expected.evaluation(), "no evaluation");

        Path parts = tmp.resolve("parts");
        assertThrows(RunInterruptedException.class, part(parts, 4, false)::fit);
        assertThrows(RunInterruptedException.class, part(parts, 9, true)::fit);
        Trainer.Result got = part(parts, -1, true).fit();
        assertEquals(expected.history().stream().map(e -> List.copyOf(e.metrics().values())).toList(),
                got.history().stream().map(e -> List.copyOf(e.metrics().values())).toList());
        assertSameTensors(whole.resolve(Trainer.CHECKPOINT), parts.resolve(Trainer.CHECKPOINT));

        SafeTensors.Contents c = SafeTensors.read(whole.resolve(Trainer.CHECKPOINT));
        assertTrue(c.tensors().containsKey("first.weight") && c.tensors().containsKey("second.bias"));
        assertTrue(c.tensors().keySet().stream().anyMatch(k -> k.startsWith("first_opt."))
                && c.tensors().keySet().stream().anyMatch(k -> k.startsWith("second_opt.")), "both optimizers' state");
        assertEquals("left,right", c.metadata().get("toy.labels"));
        assertEquals(Long.toString(3 * 6 * 16 * 4), c.metadata().get("sinapsis.rng.noise.offset"),
                "the noise generator's counter: 16x4 normals per step");
        SafeTensors.Contents model = SafeTensors.read(whole.resolve(Trainer.MODEL));
        assertEquals(java.util.Set.of("first.weight", "first.bias", "second.weight", "second.bias"),
                model.tensors().keySet(), "several modules: the model file prefixes each with its name");
        assertEquals("left,right", model.metadata().get("toy.labels"));
        assertEquals("epoch,lr,train_first_loss,train_second_loss,seconds,samples_per_sec",
                Files.readAllLines(whole.resolve(RunFiles.METRICS)).get(0));
        assertEquals(List.of("first-loss.png", "second-loss.png"), RunFiles.writePlots(whole, "toy", got.history()));
    }

    @Test
    void aNonFiniteSecondLossStopsTheRunNamingIt() throws Exception {
        Trainer t = new Trainer(CONFIG, new TwoModels(8), DATA, null, tmp, null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::fit);
        assertTrue(e.getMessage().startsWith("the second loss became NaN at epoch 2, step 8 (the step was not applied)"),
                e.getMessage());
        assertEquals(7, t.step());
    }

    @Test
    void patienceNeedsAFigureToWatch() {
        RunConfig patient = new RunConfig(ModelSpec.defaults("mlp"), "blobs", 3, 16, 1e-2, "adam", 0, "none", 2, 9, 0, 0);
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Trainer(patient, new TwoModels(-1), DATA, null, tmp, null));
        assertTrue(e.getMessage().contains("--patience"), e.getMessage());
    }
}
