package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mid-epoch checkpoints: a run stopped with {@link Trainer#requestStop()} inside an epoch (twice,
 * in different epochs) and resumed each time ends bit-identical to an uninterrupted run: weights,
 * optimizer state and every per-epoch figure but the timings. Dropout is on, so the generator's
 * counter matters, and the loss/accuracy of the resumed epochs depend on the saved running sums.
 */
class TrainerCheckpointTest {
    @TempDir
    Path tmp;

    private static final TrainingData DATA = TrainingData.embedded();
    private static final RunConfig CONFIG = new RunConfig(new ModelSpec("mlp", new int[] {24}, "relu", 0.3), "embedded",
            3, 25, 2e-3, "adam", 0, "cosine", 0, 11, 250, 100); // 10 batches per epoch

    /** Stops the run once it has taken {@code stopAt} steps. */
    private static final class StopAt implements TrainingListener {
        Trainer trainer;
        final long stopAt;

        StopAt(long stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void batchDone(int samplesSoFar, double meanLoss, double accuracy, double samplesPerSec) {
            if (trainer.step() == stopAt) {
                trainer.requestStop();
            }
        }
    }

    private Trainer part(Path dir, long stopAt, boolean resume) throws Exception {
        StopAt stop = new StopAt(stopAt);
        Trainer t = new Trainer(CONFIG, DATA.train(), DATA.test(), dir, stop).checkpointEvery(4);
        stop.trainer = t;
        if (resume) {
            t.resume();
        }
        return t;
    }

    @Test
    void stoppedMidEpochAndResumedEqualsUninterrupted() throws Exception {
        Path whole = tmp.resolve("whole");
        Trainer.Result expected = new Trainer(CONFIG, DATA.train(), DATA.test(), whole, null).fit();

        Path parts = tmp.resolve("parts");
        RunInterruptedException first = assertThrows(RunInterruptedException.class, part(parts, 7, false)::fit);
        assertEquals(1, first.epoch());
        assertEquals(7, first.step());
        assertTrue(first.getMessage().equals("interrupted \u2014 checkpoint saved at epoch 1, step 7; resume with --resume "
                + parts), first.getMessage());
        Map<String, String> meta = SafeTensors.read(parts.resolve(Trainer.CHECKPOINT)).metadata();
        assertEquals("7", meta.get("sinapsis.epoch_progress.batches"));
        assertEquals("0", meta.get("sinapsis.epoch"));

        RunInterruptedException second = assertThrows(RunInterruptedException.class, part(parts, 23, true)::fit);
        assertEquals(3, second.epoch());
        Trainer last = part(parts, -1, true);
        Trainer.Result got = last.fit();

        assertEquals(learning(expected.history()), learning(got.history()));
        assertEquals(expected.testLoss(), got.testLoss());
        assertSameTensors(whole.resolve(Trainer.CHECKPOINT), parts.resolve(Trainer.CHECKPOINT));
        assertSameTensors(whole.resolve(Trainer.MODEL), parts.resolve(Trainer.MODEL));
        assertEquals(learningCsv(whole), learningCsv(parts));
    }

    @Test
    void checkpointEveryDoesNotChangeTheRun() throws Exception {
        Path plain = tmp.resolve("plain");
        Path often = tmp.resolve("often");
        Trainer.Result a = new Trainer(CONFIG.withEpochs(1), DATA.train(), DATA.test(), plain, null).fit();
        Trainer.Result b = new Trainer(CONFIG.withEpochs(1), DATA.train(), DATA.test(), often, null).checkpointEvery(1)
                .fit();
        assertEquals(learning(a.history()), learning(b.history()));
        assertSameTensors(plain.resolve(Trainer.CHECKPOINT), often.resolve(Trainer.CHECKPOINT));
    }

    /** Every per-epoch figure except the timings. */
    static List<List<Double>> learning(List<EpochStats> history) {
        return history.stream().map(e -> List.of((double) e.epoch(), e.learningRate(), e.trainLoss(), e.trainAccuracy(),
                e.evalLoss(), e.evalAccuracy())).toList();
    }

    static List<String> learningCsv(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve(RunFiles.METRICS)).stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, 6))).toList();
    }

    static void assertSameTensors(Path a, Path b) throws Exception {
        Map<String, Tensor> ta = SafeTensors.read(a).tensors();
        Map<String, Tensor> tb = SafeTensors.read(b).tensors();
        assertEquals(ta.keySet(), tb.keySet());
        for (String k : ta.keySet()) {
            assertArrayEquals(ta.get(k).toDoubleArray(), tb.get(k).toDoubleArray(), k + " differs");
        }
    }
}
