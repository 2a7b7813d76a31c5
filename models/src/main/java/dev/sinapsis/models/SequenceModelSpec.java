package dev.sinapsis.models;

import dev.sinapsis.data.text.TextDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recurrent text classifier and how its texts are encoded: enough to rebuild both from a
 * checkpoint's metadata (the vocabulary itself is saved beside it, see {@link SequenceClassifierTask}).
 *
 * @param kind              {@code lstm} or {@code gru}
 * @param embeddingDim      size of the word vectors
 * @param hidden            hidden size of the recurrent layer (per direction)
 * @param layers            stacked recurrent layers
 * @param bidirectional     whether the recurrent layers also read the texts backwards
 * @param pooling           how the outputs become one vector: {@code max-mean} (masked max and mean over
 *                          time, concatenated), {@code max}, {@code mean}, or {@code last} (the final states)
 * @param embeddingDropout  dropout on the word vectors
 * @param dropout           dropout before the classifier (and between stacked layers)
 * @param vocabSize         ids in the vocabulary, PAD and UNK included (the most frequent training words)
 * @param maxLength         tokens kept per text
 * @param keep              which tokens of a longer text are kept: {@code start} or {@code end}
 */
public record SequenceModelSpec(String kind, int embeddingDim, int hidden, int layers, boolean bidirectional,
                                String pooling, double embeddingDropout, double dropout, int vocabSize, int maxLength,
                                String keep) implements ModelConfig {
    /** The model names. */
    public static final List<String> KINDS = List.of("lstm", "gru");
    /** The pooling names. */
    public static final List<String> POOLINGS = List.of("max-mean", "max", "mean", "last");
    /** Largest vocabulary accepted. */
    public static final int MAX_VOCAB = 1_000_000;
    /** Largest embedding or hidden size accepted. */
    public static final int MAX_WIDTH = 4096;
    /** Longest texts accepted, in tokens. */
    public static final int MAX_LENGTH = 100_000;
    /** Most stacked layers accepted. */
    public static final int MAX_LAYERS = 8;

    /** @throws ConfigException for a setting out of its range, named as its command-line option */
    public SequenceModelSpec {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new ConfigException("unknown sequence model '" + kind + "'; choose lstm or gru");
        }
        range("--embedding-dim", embeddingDim, 1, MAX_WIDTH);
        range("--hidden", hidden, 1, MAX_WIDTH);
        range("--layers", layers, 1, MAX_LAYERS);
        range("--vocab", vocabSize, 3, MAX_VOCAB);
        range("--max-len", maxLength, 1, MAX_LENGTH);
        if (!POOLINGS.contains(pooling)) {
            throw new ConfigException("unknown pooling '" + pooling + "'; choose one of " + String.join(", ", POOLINGS));
        }
        if (!(embeddingDropout >= 0 && embeddingDropout < 1) || !(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("--dropout and --embedding-dropout must be in [0, 1), got " + dropout + " and "
                    + embeddingDropout);
        }
        if (!keep.equals("start") && !keep.equals("end")) {
            throw new ConfigException("--keep must be start or end, got '" + keep + "'");
        }
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /**
     * The defaults for the embedded subset (small and quick: 5,000 training reviews) or the full
     * IMDB dataset (bidirectional, a larger vocabulary and longer texts).
     */
    public static SequenceModelSpec defaults(String kind, boolean fullImdb) {
        return fullImdb
                ? new SequenceModelSpec(kind, 128, 128, 1, true, "max-mean", 0.3, 0.5, 25_000, 400, "end")
                : new SequenceModelSpec(kind, 64, 64, 1, true, "max-mean", 0.3, 0.5, 10_000, 200, "end");
    }

    /** Which tokens of a longer text are kept. */
    public TextDataset.Keep keepPart() {
        return keep.equals("start") ? TextDataset.Keep.START : TextDataset.Keep.END;
    }

    /** The number of parameters of the model for {@code classes} classes. */
    public long parameterCount(int classes) {
        long gates = kind.equals("lstm") ? 4 : 3;
        long directions = bidirectional ? 2 : 1;
        long count = (long) vocabSize * embeddingDim;
        long in = embeddingDim;
        for (int l = 0; l < layers; l++) {
            count += directions * gates * hidden * (in + hidden + 2);
            in = directions * hidden;
        }
        long features = in * (pooling.equals("max-mean") ? 2 : 1);
        return count + features * classes + classes;
    }

    @Override
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sinapsis.model", kind);
        m.put("sinapsis.model.embedding_dim", Integer.toString(embeddingDim));
        m.put("sinapsis.model.hidden", Integer.toString(hidden));
        m.put("sinapsis.model.layers", Integer.toString(layers));
        m.put("sinapsis.model.bidirectional", Boolean.toString(bidirectional));
        m.put("sinapsis.model.pooling", pooling);
        m.put("sinapsis.model.embedding_dropout", Double.toString(embeddingDropout));
        m.put("sinapsis.model.dropout", Double.toString(dropout));
        m.put("sinapsis.text.vocab_size", Integer.toString(vocabSize));
        m.put("sinapsis.text.max_length", Integer.toString(maxLength));
        m.put("sinapsis.text.keep", keep);
        return m;
    }

    /**
     * Reads {@link #toMetadata()}.
     *
     * @throws ConfigException if a setting is missing, malformed or invalid
     */
    public static SequenceModelSpec fromMetadata(Map<String, String> m) {
        String bidi = ModelSpec.require(m, "sinapsis.model.bidirectional");
        if (!bidi.equals("true") && !bidi.equals("false")) {
            throw RunConfig.notA("sinapsis.model.bidirectional", bidi, "true or false", null);
        }
        return new SequenceModelSpec(ModelSpec.require(m, "sinapsis.model"),
                RunConfig.intValue(m, "sinapsis.model.embedding_dim"), RunConfig.intValue(m, "sinapsis.model.hidden"),
                RunConfig.intValue(m, "sinapsis.model.layers"), bidi.equals("true"),
                ModelSpec.require(m, "sinapsis.model.pooling"),
                RunConfig.doubleValue(m, "sinapsis.model.embedding_dropout"),
                RunConfig.doubleValue(m, "sinapsis.model.dropout"), RunConfig.intValue(m, "sinapsis.text.vocab_size"),
                RunConfig.intValue(m, "sinapsis.text.max_length"), ModelSpec.require(m, "sinapsis.text.keep"));
    }

    @Override
    public String toString() {
        return kind + "(embedding " + embeddingDim + ", hidden " + hidden + (layers > 1 ? " x" + layers + " layers" : "")
                + (bidirectional ? ", bidirectional" : "") + ", " + pooling + " pooling, dropout " + dropout
                + ", vocab " + vocabSize + ", max-len " + maxLength + " keeping the " + keep + ")";
    }
}
