package dev.sinapsis.models;

import static dev.sinapsis.models.TrainerCheckpointTest.assertSameTensors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.text.TextDataset;
import dev.sinapsis.data.text.Tokenizer;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.io.SafeTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text run through the Trainer: it learns a toy sentiment task, saves its vocabulary, and a run
 * stopped in the middle of epochs of length buckets resumes bit-identically.
 */
class SequenceClassifierTaskTest {
    @TempDir
    Path tmp;

    private static final String[] GOOD = {"great", "wonderful", "superb", "loved"};
    private static final String[] BAD = {"awful", "boring", "terrible", "hated"};
    private static final String[] FILLER = {"the", "film", "a", "plot", "actor", "and", "it", "was", ",", "."};

    /** {@code n} reviews of 3-30 words: filler with one or two sentiment words, labels alternating. */
    static List<String> reviews(int n, long seed, long[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            String[] words = labels[i] == 1 ? GOOD : BAD;
            int len = 3 + r.nextInt(28);
            StringBuilder sb = new StringBuilder();
            int at = r.nextInt(len);
            for (int w = 0; w < len; w++) {
                sb.append(w == at || r.nextInt(12) == 0 ? words[r.nextInt(words.length)]
                        : FILLER[r.nextInt(FILLER.length)]).append(' ');
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static final RunConfig CONFIG = new RunConfig(
            new SequenceModelSpec("lstm", 8, 8, 1, true, "max-mean", 0.1, 0.2, 40, 20, "start"), "toy", 8, 16, 2e-2,
            "adam", 0, "cosine", 0, 3, 0, 0);

    private record Toy(TextDataset train, TextDataset test, Vocabulary vocab) {
    }

    private static Toy toy() {
        long[] trainLabels = new long[160];
        long[] testLabels = new long[64];
        List<String> train = reviews(160, 1, trainLabels);
        List<String> test = reviews(64, 2, testLabels);
        Vocabulary vocab = Vocabulary.build(train.stream().map(Tokenizer::tokenize).toList(), 40, 1);
        return new Toy(TextDataset.fromTexts(train, trainLabels, 2, vocab, 20, TextDataset.Keep.START),
                TextDataset.fromTexts(test, testLabels, 2, vocab, 20, TextDataset.Keep.START), vocab);
    }

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

    private Trainer part(Toy toy, Path dir, long stopAt, boolean resume) throws Exception {
        StopAt stop = new StopAt(stopAt);
        Trainer t = new Trainer(CONFIG, SequenceClassifierTask.create(CONFIG, toy.vocab(), List.of("neg", "pos")),
                toy.train(), toy.test(), dir, stop);
        stop.trainer = t;
        if (resume) {
            t.resume();
        }
        return t;
    }

    @Test
    void learnsAndResumesMidEpochExactly() throws Exception {
        Toy toy = toy();
        Path whole = tmp.resolve("whole");
        Trainer.Result expected = part(toy, whole, -1, false).fit();
        assertTrue(expected.testAccuracy() > 0.9, "the toy task is learnt: " + expected.testAccuracy());
        assertTrue(expected.evaluation("auc") > 0.95, "auc " + expected.evaluation("auc"));
        assertEquals(toy.vocab().toText(), SafeTensors.read(whole.resolve(Trainer.MODEL)).metadata()
                .get(SequenceClassifierTask.VOCABULARY));

        Path parts = tmp.resolve("parts");
        assertThrows(RunInterruptedException.class, part(toy, parts, 4, false)::fit);
        assertThrows(RunInterruptedException.class, part(toy, parts, 47, true)::fit);
        Trainer.Result got = part(toy, parts, -1, true).fit();
        assertEquals(expected.history().stream().map(e -> List.copyOf(e.metrics().values())).toList(),
                got.history().stream().map(e -> List.copyOf(e.metrics().values())).toList());
        assertSameTensors(whole.resolve(Trainer.CHECKPOINT), parts.resolve(Trainer.CHECKPOINT));
    }

    @Test
    void aVocabularyLargerThanTheModelIsRefused() {
        Toy toy = toy();
        RunConfig small = new RunConfig(new SequenceModelSpec("gru", 4, 4, 1, false, "last", 0, 0, 10, 20, "end"),
                "toy", 1, 16, 1e-2, "adam", 0, "none", 0, 3, 0, 0);
        ConfigException e = assertThrows(ConfigException.class,
                () -> SequenceClassifierTask.create(small, toy.vocab(), List.of("neg", "pos")));
        assertTrue(e.getMessage().contains("a vocabulary of 20 tokens does not fit a model of 10"), e.getMessage());
    }
}
