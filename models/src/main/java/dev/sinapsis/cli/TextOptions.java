package dev.sinapsis.cli;

import dev.sinapsis.models.SequenceModelSpec;
import picocli.CommandLine.Option;

/** The options of {@code train lstm|gru}: the text encoding and the recurrent model. */
final class TextOptions {
    @Option(names = "--vocab", paramLabel = "N",
            description = "lstm/gru: vocabulary size, PAD and UNK included: the N-2 most frequent training words"
                    + " (default: embedded 10000, imdb 25000).")
    Integer vocab;

    @Option(names = "--max-len", paramLabel = "N",
            description = "lstm/gru: tokens kept per review (default: embedded 200, imdb 400).")
    Integer maxLen;

    @Option(names = "--keep", paramLabel = "PART",
            description = "lstm/gru: which tokens of a longer review are kept: start or end (default: end).")
    String keep;

    @Option(names = "--bidirectional", negatable = true, fallbackValue = "true",
            description = "lstm/gru: also read each review backwards (default: on; --no-bidirectional for one direction).")
    Boolean bidirectional;

    @Option(names = "--embedding-dim", paramLabel = "N",
            description = "lstm/gru: size of the word vectors (default: embedded 64, imdb 128).")
    Integer embeddingDim;

    @Option(names = "--layers", paramLabel = "N", description = "lstm/gru: stacked recurrent layers (default: 1).")
    Integer layers;

    @Option(names = "--pooling", paramLabel = "NAME",
            description = "lstm/gru: max-mean (masked max and mean over each review's steps), max, mean, or last"
                    + " (the final states) (default: max-mean).")
    String pooling;

    @Option(names = "--embedding-dropout", paramLabel = "P",
            description = "lstm/gru: dropout on the word vectors (default: 0.3).")
    Double embeddingDropout;

    /** Whether any of these options was given. */
    boolean any() {
        return vocab != null || maxLen != null || keep != null || bidirectional != null || embeddingDim != null
                || layers != null || pooling != null || embeddingDropout != null;
    }

    /** The names of these options (for messages). */
    static String names() {
        return "--vocab, --max-len, --keep, --bidirectional, --embedding-dim, --layers, --pooling and --embedding-dropout";
    }

    /**
     * The model {@code kind} with these options over the defaults for {@code data}; {@code hidden}
     * and {@code dropout} are the shared options (null: default).
     */
    SequenceModelSpec spec(String kind, String data, int[] hidden, Double dropout) {
        SequenceModelSpec d = SequenceModelSpec.defaults(kind, "imdb".equals(data));
        if (hidden != null && hidden.length != 1) {
            throw new dev.sinapsis.models.ConfigException("--hidden takes one size for " + kind + " (the recurrent"
                    + " layer's, per direction), got " + hidden.length + " values");
        }
        return new SequenceModelSpec(kind, embeddingDim != null ? embeddingDim : d.embeddingDim(),
                hidden != null ? hidden[0] : d.hidden(), layers != null ? layers : d.layers(),
                bidirectional != null ? bidirectional : d.bidirectional(), pooling != null ? pooling : d.pooling(),
                embeddingDropout != null ? embeddingDropout : d.embeddingDropout(),
                dropout != null ? dropout : d.dropout(), vocab != null ? vocab : d.vocabSize(),
                maxLen != null ? maxLen : d.maxLength(), keep != null ? keep : d.keep());
    }
}
