package dev.sinapsis.models.data;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.data.text.TextDataset;
import dev.sinapsis.data.text.Tokenizer;
import dev.sinapsis.data.text.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The encoded train and test splits of a text run, chosen by {@code --data}: {@code embedded}
 * (the IMDB subset shipped in this jar) or {@code imdb} (the full dataset from the cache, see
 * {@code sinapsis data fetch imdb}), with the vocabulary they are encoded with.
 *
 * @param name  the dataset's name as reported ({@code imdb-embedded}, {@code imdb})
 * @param train the training split
 * @param test  the test split
 * @param vocab the vocabulary, built on the training split only (or the checkpoint's)
 */
public record TextData(String name, TextDataset train, TextDataset test, Vocabulary vocab) {
    /** The {@code --data} values for text models. */
    public static final List<String> SOURCES = List.of("embedded", "imdb");

    /**
     * Loads {@code data}, builds the vocabulary of the {@code vocabSize} most frequent training
     * tokens (or uses {@code vocab}, a checkpoint's, when not null) and encodes both splits.
     *
     * @throws DatasetException when the data is missing (the message says how to get it) or malformed
     */
    public static TextData load(String data, Path cacheRoot, Vocabulary vocab, int vocabSize, int maxLength,
                                TextDataset.Keep keep) {
        return load(data, cacheRoot, vocab, vocabSize, maxLength, keep, true);
    }

    /**
     * As above; without {@code withTrain} (evaluation with a checkpoint's {@code vocab}) the
     * training split is left empty, sparing its tokenisation.
     */
    public static TextData load(String data, Path cacheRoot, Vocabulary vocab, int vocabSize, int maxLength,
                                TextDataset.Keep keep, boolean withTrain) {
        if (!withTrain && vocab == null) {
            throw new IllegalArgumentException("without the training split, the vocabulary must be given");
        }
        Imdb.Splits splits = switch (data) {
            case "embedded" -> Imdb.embedded();
            case "imdb" -> {
                DatasetSpec spec = Sources.IMDB;
                Path file = new Fetcher(cacheRoot, System.err::println).directory(spec).resolve("reviews.json");
                if (!Files.isRegularFile(file)) {
                    throw new DatasetException("imdb is not in " + file.getParent() + "; fetch it first with:"
                            + " ./sinapsis data fetch imdb" + (cacheRoot.equals(Fetcher.cacheRoot(null, System.getenv()))
                            ? "" : " --cache " + cacheRoot));
                }
                yield Imdb.load(file);
            }
            default -> throw new DatasetException("--data " + data.replace("\0", "\\0") + ": text models train on"
                    + " embedded (the IMDB subset in the jar) or imdb (after ./sinapsis data fetch imdb)");
        };
        List<Imdb.Review> trainReviews = withTrain ? splits.train() : List.of();
        List<List<String>> train = tokenize(trainReviews);
        List<List<String>> test = tokenize(splits.test());
        Vocabulary v = vocab != null ? vocab : Vocabulary.build(train, vocabSize, 1);
        return new TextData(data.equals("embedded") ? "imdb-embedded" : "imdb",
                TextDataset.encode(train, labels(trainReviews), 2, v, maxLength, keep),
                TextDataset.encode(test, labels(splits.test()), 2, v, maxLength, keep), v);
    }

    private static List<List<String>> tokenize(List<Imdb.Review> reviews) {
        return reviews.parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
    }

    private static long[] labels(List<Imdb.Review> reviews) {
        return reviews.stream().mapToLong(Imdb.Review::label).toArray();
    }
}
