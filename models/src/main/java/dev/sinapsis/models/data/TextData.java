package dev.sinapsis.models.data;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.data.text.TextDataset;
import dev.sinapsis.data.text.Tokenizer;
import dev.sinapsis.data.text.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Dictionary dict = new Dictionary();
        List<int[]> train = dict.encode(trainReviews);
        List<int[]> test = dict.encode(splits.test());
        Vocabulary v = vocab != null ? vocab : Vocabulary.fromCounts(dict.counts(train), vocabSize, 1);
        int[] toVocab = dict.mapping(v);
        return new TextData(data.equals("embedded") ? "imdb-embedded" : "imdb",
                TextDataset.fromIds(remap(train, toVocab), labels(trainReviews), 2, maxLength, keep),
                TextDataset.fromIds(remap(test, toVocab), labels(splits.test()), 2, maxLength, keep), v);
    }

    /**
     * Every distinct token seen, numbered in order of first appearance: reviews are tokenised (in
     * parallel, a chunk at a time) straight into these provisional ids, so the token strings of
     * 50,000 reviews never all sit in memory at once.
     */
    private static final class Dictionary {
        private static final int CHUNK = 2_000;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> tokens = new ArrayList<>();

        List<int[]> encode(List<Imdb.Review> reviews) {
            List<int[]> out = new ArrayList<>(reviews.size());
            for (int from = 0; from < reviews.size(); from += CHUNK) {
                List<List<String>> chunk = reviews.subList(from, Math.min(reviews.size(), from + CHUNK))
                        .parallelStream().map(r -> Tokenizer.tokenize(r.text())).toList();
                for (List<String> doc : chunk) {
                    int[] d = new int[doc.size()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = ids.computeIfAbsent(doc.get(i), t -> {
                            tokens.add(t);
                            return tokens.size() - 1;
                        });
                    }
                    out.add(d);
                }
            }
            return out;
        }

        /** How often each token occurs in {@code docs}. */
        Map<String, Long> counts(List<int[]> docs) {
            long[] n = new long[tokens.size()];
            for (int[] d : docs) {
                for (int id : d) {
                    n[id]++;
                }
            }
            Map<String, Long> out = new HashMap<>();
            for (int i = 0; i < n.length; i++) {
                if (n[i] > 0) {
                    out.put(tokens.get(i), n[i]);
                }
            }
            return out;
        }

        /** Provisional id to the id of {@code vocab} (UNK for tokens outside it). */
        int[] mapping(Vocabulary vocab) {
            int[] map = new int[tokens.size()];
            for (int i = 0; i < map.length; i++) {
                map[i] = vocab.id(tokens.get(i));
            }
            return map;
        }
    }

    private static List<int[]> remap(List<int[]> docs, int[] map) {
        List<int[]> out = new ArrayList<>(docs.size());
        for (int[] d : docs) {
            int[] m = new int[d.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = map[d[i]];
            }
            out.add(m);
        }
        return out;
    }

    private static long[] labels(List<Imdb.Review> reviews) {
        return reviews.stream().mapToLong(Imdb.Review::label).toArray();
    }
}
