package dev.sinapsis.examples.tagging;

import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Embedding;
import dev.sinapsis.nn.LSTM;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * Embeddings of word, suffix and shape, concatenated, through a bidirectional LSTM, and a linear
 * layer per token that scores the tags.
 */
public final class TaggerModel extends Module {
    private final Embedding words;
    private final Embedding suffixes;
    private final Embedding shapes;
    private final Dropout dropout;
    private final LSTM lstm;
    private final Linear out;

    /** A tagger for {@code features}' vocabularies with the given widths, weights from {@code gen}. */
    public TaggerModel(Features features, int wordDim, int suffixDim, int hidden, Generator gen) {
        words = registerModule("words", new Embedding(features.wordCount(), wordDim, Features.PAD, gen));
        suffixes = registerModule("suffixes", new Embedding(features.suffixCount(), suffixDim, Features.PAD, gen));
        shapes = registerModule("shapes", new Embedding(Features.SHAPES, 4, Features.PAD, gen));
        dropout = registerModule("dropout", new Dropout(0.25, gen));
        lstm = registerModule("lstm", LSTM.builder(wordDim + suffixDim + 4, hidden).bidirectional(true)
                .batchFirst(true).generator(gen).build());
        out = registerModule("out", new Linear(2 * hidden, features.tags().size(), true, gen));
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("TaggerModel: use forward(TagBatch)");
    }

    /** Tag scores {@code [B, T, tags]} (zero rows at padded steps before the linear layer). */
    public Tensor forward(TagBatch batch) {
        Tensor x = Tensor.concat(2, words.forward(batch.words()), suffixes.forward(batch.suffixes()),
                shapes.forward(batch.shapes()));
        Tensor h = lstm.forward(dropout.forward(x), batch.lengths()).output();
        return out.forward(dropout.forward(h));
    }
}
