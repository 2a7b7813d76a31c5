package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.SequenceClassifierTask;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train lstm|gru} on a slice of the embedded IMDB subset, tiny models: what the user sees
 * and gets (ROC-AUC, the vocabulary in the checkpoint and model file), {@code eval} and
 * {@code predict} of the run, and an exact {@code --resume}.
 */
class TrainLstmTest {
    @TempDir
    Path tmp;

    private static final String[] TINY = {"--train-limit", "96", "--test-limit", "64", "--max-len", "24", "--vocab",
        "300", "--hidden", "6", "--embedding-dim", "8", "--batch", "16", "--seed", "5"};

    private static String[] args(String model, Path out, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", model, "--out", out.toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void trainsEvaluatesAndPredicts() throws Exception {
        Path run = tmp.resolve("lstm");
        Cli r = Cli.run(args("lstm", run, "--epochs", "2"));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("on imdb-embedded: 96 train / 64 test examples"), r.out());
        assertTrue(r.out().contains("true\\pred  negative  positive"), r.out());
        Matcher auc = Pattern.compile("ROC-AUC: (0\\.\\d{4})").matcher(r.out());
        assertTrue(auc.find(), r.out());
        String summary = Files.readString(run.resolve("summary.json"));
        assertTrue(summary.startsWith("{\"model\":\"lstm\""), summary);
        assertEquals(Double.parseDouble(auc.group(1)), number(summary, "roc_auc"), 5e-5);
        assertEquals("epoch,lr,train_loss,train_accuracy,eval_loss,eval_accuracy,eval_auc,seconds,samples_per_sec",
                Files.readAllLines(run.resolve("metrics.csv")).get(0));
        assertTrue(Files.isRegularFile(run.resolve("auc.png")));

        // the vocabulary travels with both files: built on the training split, at most --vocab ids
        Vocabulary vocab = Vocabulary.fromText(SafeTensors.read(run.resolve("checkpoint.safetensors")).metadata()
                .get(SequenceClassifierTask.VOCABULARY));
        assertEquals(300, vocab.size());
        assertEquals(List.of("<pad>", "<unk>", "the"), vocab.tokens().subList(0, 3), "'the' is the most frequent token");
        assertEquals(vocab.toText(), SafeTensors.read(run.resolve("model.safetensors")).metadata()
                .get(SequenceClassifierTask.VOCABULARY));

        Cli eval = Cli.run("eval", run.toString());
        assertEquals(0, eval.code(), eval::toString);
        double accuracy = number(summary, "test_accuracy");
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "Test accuracy: %.4f", accuracy))
                && eval.out().contains("ROC-AUC: " + auc.group(1)), eval.out());

        String good = "A wonderful, moving film. The acting is superb and I loved every minute.";
        String bad = "Terrible. Boring plot, awful acting, a complete waste of time.";
        Cli p = Cli.run("predict", run.toString(), good, bad);
        assertEquals(0, p.code(), p::toString);
        String[] lines = p.out().strip().split("\\R");
        assertEquals(2, lines.length, p.out());
        Pattern line = Pattern.compile("(negative|positive)\\s+([01]\\.\\d{4})\\s+(.+)");
        double[] probs = new double[2];
        for (int i = 0; i < 2; i++) {
            Matcher m = line.matcher(lines[i]);
            assertTrue(m.matches(), lines[i]);
            probs[i] = Double.parseDouble(m.group(2));
            assertEquals(probs[i] >= 0.5 ? "positive" : "negative", m.group(1));
            assertTrue(m.group(3).startsWith(i == 0 ? "A wonderful" : "Terrible."), lines[i]);
        }
        Cli piped = Cli.runWithInput(good + "\n" + bad + "\n", "predict", run.toString(), "--json");
        assertEquals(0, piped.code(), piped::toString);
        List<String> json = piped.out().strip().lines().toList();
        assertEquals(2, json.size(), piped.out());
        for (int i = 0; i < 2; i++) {
            String o = json.get(i);
            assertTrue(o.startsWith("{\"text\":\"" + (i == 0 ? good : bad) + "\",\"label\":\""), o);
            assertEquals(probs[i], number(o, "probability"), 5e-5, "stdin and arguments agree");
        }
    }

    @Test
    void aResumedGruRunEqualsAnUninterruptedOne() throws Exception {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        Cli a = Cli.run(args("gru", whole, "--epochs", "2", "--layers", "2", "--pooling", "last"));
        assertEquals(0, a.code(), a::toString);
        Cli b1 = Cli.run(args("gru", parts, "--epochs", "2", "--layers", "2", "--pooling", "last", "--stop-after", "1"));
        assertEquals(0, b1.code(), b1::toString);
        Cli b2 = Cli.run("train", "--resume", parts.toString());
        assertEquals(0, b2.code(), b2::toString);
        assertTrue(b2.out().contains("Resuming") && b2.out().contains("epoch 2/2") && b2.out().contains("seq/s"),
                b2::toString);
        Map<String, Tensor> wa = SafeTensors.read(whole.resolve("checkpoint.safetensors")).tensors();
        Map<String, Tensor> wb = SafeTensors.read(parts.resolve("checkpoint.safetensors")).tensors();
        assertEquals(wa.keySet(), wb.keySet());
        assertTrue(wa.containsKey("model.rnn.weight_hh_l1_reverse"), wa.keySet().toString());
        for (String k : wa.keySet()) {
            assertArrayEquals(wa.get(k).toDoubleArray(), wb.get(k).toDoubleArray(), "differs in " + k);
        }
        assertEquals(learning(whole), learning(parts));
    }

    /** The number {@code "key":N} of a JSON object's text. */
    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /** metrics.csv without the timing columns. */
    private static List<String> learning(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> String.join(",", List.of(l.split(",")).subList(0, 7))).toList();
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        Cli cnn = Cli.run("train", "cnn", "--vocab", "100", "--out", tmp.resolve("x").toString());
        assertEquals(1, cnn.code(), cnn::toString);
        assertEquals("sinapsis: error: --vocab, --max-len, --keep, --bidirectional, --embedding-dim, --layers, --pooling"
                + " and --embedding-dropout are for lstm and gru, not cnn", cnn.err().strip());
        Cli hidden = Cli.run("train", "lstm", "--hidden", "8,8", "--out", tmp.resolve("y").toString());
        assertEquals("sinapsis: error: --hidden takes one size for lstm (the recurrent layer's, per direction), got 2"
                + " values", hidden.err().strip());
        Cli data = Cli.run(args("gru", tmp.resolve("z"), "--data", "mnist"));
        assertEquals(1, data.code(), data::toString);
        assertTrue(data.err().strip().startsWith("sinapsis: error: --data mnist: text models train on embedded"),
                data.err());
        Cli keep = Cli.run(args("lstm", tmp.resolve("w"), "--keep", "middle"));
        assertEquals("sinapsis: error: --keep must be start or end, got 'middle'", keep.err().strip());

        Path image = TinyRun.train(TinyRun.data(tmp.resolve("digits"), 40, 20, TinyRun.SIDE), tmp.resolve("mlp"));
        Cli predict = Cli.run("predict", image.toString(), "some text");
        assertEquals(1, predict.code(), predict::toString);
        assertTrue(predict.err().contains("holds a mlp, not a text model; predict takes a run of sinapsis train lstm"
                + " or gru"), predict.err());
    }
}
