package dev.sinapsis.models;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.nn.Dropout;
import dev.sinapsis.nn.Embedding;
import dev.sinapsis.nn.GRU;
import dev.sinapsis.nn.LSTM;
import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.RNNBase;
import dev.sinapsis.nn.RecurrentOutput;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurrent text classifier: token ids {@code [B, T]} → embedding (PAD row kept at zero) →
 * dropout → LSTM or GRU (batch first, optionally stacked and bidirectional, padded steps skipped
 * by their lengths) → pooling over each text's own steps (masked max and mean, or the final
 * states) → dropout → linear → logits {@code [B, classes]}.
 *
 * <p>Parameter names: {@code embedding.weight}, {@code rnn.weight_ih_l0} ... (PyTorch's), {@code fc.weight},
 * {@code fc.bias}.
 */
public final class SequenceClassifier extends Module {
    private final SequenceModelSpec spec;
    private final Embedding embedding;
    private final Dropout embeddingDropout;
    private final RNNBase rnn;
    private final Dropout dropout;
    private final Linear fc;

    /**
     * The model {@code spec} for {@code classes} classes: weights from {@code init}, the dropout
     * masks from {@code dropoutGen}, and the recurrent layer's weights and inter-layer dropout from
     * {@code recurrentGen}.
     */
    public SequenceClassifier(SequenceModelSpec spec, int classes, Generator init, Generator dropoutGen,
                              Generator recurrentGen) {
        this.spec = spec;
        this.embedding = new Embedding(spec.vocabSize(), spec.embeddingDim(), Vocabulary.PAD, init);
        this.embeddingDropout = new Dropout(spec.embeddingDropout(), dropoutGen);
        this.rnn = spec.kind().equals("lstm")
                ? LSTM.builder(spec.embeddingDim(), spec.hidden()).numLayers(spec.layers())
                        .bidirectional(spec.bidirectional()).batchFirst(true)
                        .dropout(spec.layers() > 1 ? spec.dropout() : 0).generator(recurrentGen).build()
                : GRU.builder(spec.embeddingDim(), spec.hidden()).numLayers(spec.layers())
                        .bidirectional(spec.bidirectional()).batchFirst(true)
                        .dropout(spec.layers() > 1 ? spec.dropout() : 0).generator(recurrentGen).build();
        this.dropout = new Dropout(spec.dropout(), dropoutGen);
        int features = (spec.bidirectional() ? 2 : 1) * spec.hidden() * (spec.pooling().equals("max-mean") ? 2 : 1);
        this.fc = new Linear(features, classes, true, init);
        registerModule("embedding", embedding);
        registerModule("embedding_dropout", embeddingDropout);
        registerModule("rnn", rnn);
        registerModule("dropout", dropout);
        registerModule("fc", fc);
    }

    /** The spec it was built from. */
    public SequenceModelSpec spec() {
        return spec;
    }

    /** Logits of full-length sequences {@code [B, T]}. */
    @Override
    public Tensor forward(Tensor ids) {
        int[] lengths = new int[ids.dim(0)];
        java.util.Arrays.fill(lengths, ids.dim(1));
        return forward(ids, lengths);
    }

    /** Logits {@code [B, classes]} of token ids {@code [B, T]} whose sequence {@code b} has {@code lengths[b]} real steps. */
    public Tensor forward(Tensor ids, int[] lengths) {
        Tensor x = embeddingDropout.forward(embedding.forward(ids));
        RecurrentOutput out = rnn.forward(x, lengths);
        return fc.forward(dropout.forward(pool(out, lengths)));
    }

    /** One vector per sequence from the outputs {@code [B, T, F]} (zero at padded steps) or the final states. */
    private Tensor pool(RecurrentOutput out, int[] lengths) {
        if (spec.pooling().equals("last")) {
            // hN [layers * directions, B, H]: the last layer's directions, side by side
            int d = spec.bidirectional() ? 2 : 1;
            List<Tensor> last = new ArrayList<>();
            for (int k = 0; k < d; k++) {
                last.add(out.hN().select(0, out.hN().dim(0) - d + k));
            }
            return Tensor.concat(1, last);
        }
        Tensor y = out.output();
        int b = y.dim(0);
        int t = y.dim(1);
        Tensor mean = null;
        Tensor max = null;
        if (!spec.pooling().equals("max")) {
            float[] inv = new float[b];
            for (int i = 0; i < b; i++) {
                inv[i] = 1f / lengths[i];
            }
            // padded outputs are zero, so the sum over all steps is the sum over the real ones
            mean = y.sum(1).mul(Tensor.of(inv, b, 1).to(y.dtype()));
        }
        if (!spec.pooling().equals("mean")) {
            boolean[] pad = new boolean[b * t];
            for (int i = 0; i < b; i++) {
                for (int s = lengths[i]; s < t; s++) {
                    pad[i * t + s] = true;
                }
            }
            Tensor mask;
            try (var ignored = Autograd.noGrad()) {
                mask = Tensor.of(pad, b, t, 1);
            }
            max = y.maskedFill(mask, Double.NEGATIVE_INFINITY).max(1);
        }
        return mean == null ? max : max == null ? mean : Tensor.concat(1, max, mean);
    }
}
