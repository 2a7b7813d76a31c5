package dev.sinapsis.models;

import static dev.sinapsis.models.TrainerCheckpointTest.assertSameTensors;
import static dev.sinapsis.models.TrainerCheckpointTest.learning;
import static dev.sinapsis.models.TrainerCheckpointTest.learningCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.data.TrainingData;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state a crash between the checkpoint's write and the model file's leaves behind (a new
 * checkpoint, the model file and metrics of the save before, a half-written temporary): evaluation
 * of the directory reads the checkpoint's weights, never the stale model file, and a resume
 * re-derives the model file, removes the temporary and ends bit-identical to an uninterrupted run.
 */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    private static final TrainingData DATA = TrainingData.embedded();
    private static final RunConfig CONFIG = new RunConfig(new ModelSpec("mlp", new int[] {16}, "relu", 0.2), "embedded",
            2, 25, 2e-3, "adam", 0, "none", 0, 5, 250, 100); // 10 batches per epoch

    @Test
    void crashBetweenCheckpointAndModelWritesLeavesAConsistentDirectory() throws Exception {
        Path whole = tmp.resolve("whole");
        Trainer.Result expected = new Trainer(CONFIG, DATA.train(), DATA.test(), whole, null).fit();

        Path dir = tmp.resolve("crashed");
        Path staleModel = tmp.resolve("stale-model");
        Path staleMetrics = tmp.resolve("stale-metrics");
        Trainer[] holder = new Trainer[1];
        TrainingListener copyAndStop = new TrainingListener() {
            @Override
            public void batchDone(int samplesSoFar, double meanLoss, double accuracy, double samplesPerSec) {
                long step = holder[0].step();
                try {
                    if (step == 13) { // the files of the save at step 12 (after epoch 1: metrics has a row)
                        Files.copy(dir.resolve(Trainer.MODEL), staleModel, StandardCopyOption.REPLACE_EXISTING);
                        Files.copy(dir.resolve(RunFiles.METRICS), staleMetrics, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (step == 15) {
                    holder[0].requestStop();
                }
            }
        };
        holder[0] = new Trainer(CONFIG, DATA.train(), DATA.test(), dir, copyAndStop).checkpointEvery(3);
        assertThrows(RunInterruptedException.class, holder[0]::fit);

        // as if killed right after the checkpoint of step 15 was renamed into place
        Files.copy(staleModel, dir.resolve(Trainer.MODEL), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(staleMetrics, dir.resolve(RunFiles.METRICS), StandardCopyOption.REPLACE_EXISTING);
        Path halfWritten = dir.resolve(".model.safetensors.5eed.tmp");
        Files.write(halfWritten, new byte[] {1, 2, 3});

        Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
        assertEquals(checkpoint, RunDirectory.modelFile(dir), "the stale model file is not evaluated");
        Map<String, Tensor> truth = SafeTensors.read(checkpoint).tensors();
        Map<String, Tensor> stale = SafeTensors.read(dir.resolve(Trainer.MODEL)).tensors();
        assertTrue(stale.entrySet().stream().anyMatch(e -> !java.util.Arrays.equals(e.getValue().toFloatArray(),
                truth.get("model." + e.getKey()).toFloatArray())), "the test really left a stale model file");

        Trainer resumed = new Trainer(CONFIG, DATA.train(), DATA.test(), dir, null);
        resumed.resume();
        assertFalse(Files.exists(halfWritten), "the killed writer's temporary is removed");
        assertEquals(dir.resolve(Trainer.MODEL), RunDirectory.modelFile(dir), "resume re-derived the model file");
        Map<String, Tensor> derived = SafeTensors.read(dir.resolve(Trainer.MODEL)).tensors();
        for (Map.Entry<String, Tensor> e : derived.entrySet()) {
            assertArrayEquals(truth.get("model." + e.getKey()).toFloatArray(), e.getValue().toFloatArray(), e.getKey());
        }
        Trainer.Result got = resumed.fit();
        assertEquals(learning(expected.history()), learning(got.history()));
        assertSameTensors(whole.resolve(Trainer.CHECKPOINT), dir.resolve(Trainer.CHECKPOINT));
        assertSameTensors(whole.resolve(Trainer.MODEL), dir.resolve(Trainer.MODEL));
        assertEquals(learningCsv(whole), learningCsv(dir));
        assertTrue(Files.isRegularFile(dir.resolve(Trainer.MODEL)));
    }
}
