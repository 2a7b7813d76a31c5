package dev.sinapsis.models;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.BatchSampler;
import dev.sinapsis.data.Dataset;
import dev.sinapsis.data.LengthBucketSampler;
import dev.sinapsis.data.SequenceDataset;
import dev.sinapsis.data.text.Vocabulary;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.nn.Module;
import dev.sinapsis.optim.GradClip;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text classification with a {@link SequenceClassifier}: a {@link ClassifierTask} whose batches
 * carry each text's length, batched in length buckets (little padding) for training and sorted by
 * length for evaluation, with gradients clipped to norm {@value #CLIP_NORM} (recurrent networks'
 * occasional gradient spikes), and the vocabulary saved with the checkpoint and the model file
 * ({@value #VOCABULARY}) so evaluation and prediction encode raw text as training did.
 *
 * <p>Checkpoint names: module {@code model}, optimizer {@code optimizer}, generators
 * {@code dropout} and {@code recurrent}.
 */
public final class SequenceClassifierTask extends ClassifierTask {
    /** The metadata key of the vocabulary (one token per line, by id). */
    public static final String VOCABULARY = "sinapsis.text.vocabulary";
    /** Gradient norm clip. */
    public static final double CLIP_NORM = 5.0;
    /** Batches per length bucket pool. */
    static final int POOL_BATCHES = 50;

    private final SequenceClassifier model;
    private final Vocabulary vocab;
    private final Generator recurrentGen;
    private final Generator dropoutGen;

    private SequenceClassifierTask(RunConfig config, SequenceClassifier model, Vocabulary vocab, Generator dropoutGen,
                                   Generator recurrentGen, List<String> labels) {
        super(config, model, dropoutGen, labels.size(), labels);
        this.model = model;
        this.vocab = vocab;
        this.dropoutGen = dropoutGen;
        this.recurrentGen = recurrentGen;
    }

    /**
     * The task of {@code config} (whose model is a {@link SequenceModelSpec}) over texts encoded
     * with {@code vocab}, with classes {@code labels}: weights from {@code Generator(seed)}, dropout
     * and the recurrent layer from generators of their own.
     */
    public static SequenceClassifierTask create(RunConfig config, Vocabulary vocab, List<String> labels) {
        if (!(config.model() instanceof SequenceModelSpec spec)) {
            throw new ConfigException("a " + config.model().kind() + " is not a text classifier (lstm or gru)");
        }
        if (vocab.size() > spec.vocabSize()) {
            throw new ConfigException("a vocabulary of " + vocab.size() + " tokens does not fit a model of "
                    + spec.vocabSize());
        }
        Generator dropoutGen = new Generator(dropoutSeed(config.seed()));
        Generator recurrentGen = new Generator(config.seed() ^ 0x2EC0_22E7L);
        SequenceClassifier model = new SequenceClassifier(spec, labels.size(), new Generator(config.seed()), dropoutGen,
                recurrentGen);
        return new SequenceClassifierTask(config, model, vocab, dropoutGen, recurrentGen, labels);
    }

    /**
     * The vocabulary saved in a checkpoint or model file's {@code metadata}.
     *
     * @throws CheckpointException naming {@code file} if it is missing or malformed
     */
    public static Vocabulary vocabulary(Path file, Map<String, String> metadata) throws CheckpointException {
        String text = metadata.get(VOCABULARY);
        if (text == null) {
            throw new CheckpointException(file, "has no vocabulary ('" + VOCABULARY + "'); it was not written by"
                    + " sinapsis train lstm or gru");
        }
        try {
            return Vocabulary.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "holds a malformed vocabulary: " + e.getMessage(), e);
        }
    }

    /** The model. */
    @Override
    public SequenceClassifier model() {
        return model;
    }

    /** The vocabulary texts are encoded with. */
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    protected Tensor logits(Batch batch) {
        if (!batch.hasLengths()) {
            throw new IllegalArgumentException("a text batch needs its lengths (a SequenceDataset)");
        }
        return model.forward(batch.inputs(), batch.lengths());
    }

    @Override
    protected void beforeStep(Module m) {
        GradClip.clipGradNorm(m.parameters(), CLIP_NORM);
    }

    @Override
    public Map<String, Generator> generators() {
        Map<String, Generator> g = new LinkedHashMap<>();
        g.put("dropout", dropoutGen);
        g.put("recurrent", recurrentGen);
        return g;
    }

    @Override
    public BatchSampler trainingSampler(Dataset train, int batchSize, long seed) {
        return LengthBucketSampler.shuffled((SequenceDataset) train, batchSize, seed, POOL_BATCHES);
    }

    @Override
    public BatchSampler evaluationSampler(Dataset test, int batchSize) {
        return LengthBucketSampler.sorted((SequenceDataset) test, batchSize);
    }

    @Override
    public int evaluationBatchSize(int trainingBatchSize) {
        return Math.max(256, trainingBatchSize);
    }

    @Override
    public Map<String, String> metadata() {
        return Map.of(VOCABULARY, vocab.toText());
    }
}
