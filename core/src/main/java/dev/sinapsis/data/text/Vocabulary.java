package dev.sinapsis.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids: {@link #PAD} (0) pads sequences, {@link #UNK} (1) stands for every token outside the
 * vocabulary, and the other ids go to the most frequent tokens of a training split, most frequent
 * first, ties broken by the token's text (so the same data always gives the same ids).
 *
 * <p>Build it on the training split only: a vocabulary that has seen the test split leaks it.
 * {@link #toText()} and {@link #fromText} save it with a checkpoint, so evaluation and prediction
 * encode raw text exactly as training did.
 */
public final class Vocabulary {
    /** The padding id. */
    public static final int PAD = 0;
    /** The id of tokens outside the vocabulary. */
    public static final int UNK = 1;
    /** The texts of {@link #PAD} and {@link #UNK}. */
    public static final String PAD_TOKEN = "<pad>";
    /** The text of {@link #UNK}. */
    public static final String UNK_TOKEN = "<unk>";

    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: token '" + tokens.get(i) + "' appears twice");
            }
        }
    }

    /**
     * The vocabulary of the {@code maxSize - 2} most frequent tokens of {@code documents} (plus PAD
     * and UNK), each seen at least {@code minCount} times.
     *
     * @throws IllegalArgumentException if {@code maxSize < 2} or {@code minCount < 1}
     */
    public static Vocabulary build(Iterable<List<String>> documents, int maxSize, int minCount) {
        if (maxSize < 2) {
            throw new IllegalArgumentException("a vocabulary holds at least PAD and UNK: maxSize must be >= 2, got "
                    + maxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        Map<String, int[]> counts = new HashMap<>();
        for (List<String> doc : documents) {
            for (String t : doc) {
                counts.computeIfAbsent(t, k -> new int[1])[0]++;
            }
        }
        counts.remove(PAD_TOKEN);
        counts.remove(UNK_TOKEN);
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue()[0] < minCount);
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        List<String> tokens = new ArrayList<>(List.of(PAD_TOKEN, UNK_TOKEN));
        for (int i = 0; i < entries.size() && tokens.size() < maxSize; i++) {
            tokens.add(entries.get(i).getKey());
        }
        return new Vocabulary(tokens);
    }

    /** Ids, in order. */
    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link #UNK}. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? UNK : id;
    }

    /** The token of {@code id}. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** Every token, by id. */
    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    /** The ids of {@code tokens}. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    /** The vocabulary as text: one token per line, by id (tokens hold no whitespace). */
    public String toText() {
        return String.join("\n", tokens);
    }

    /**
     * Reads {@link #toText()}.
     *
     * @throws IllegalArgumentException if it does not start with PAD and UNK, or a token repeats
     */
    public static Vocabulary fromText(String text) {
        List<String> tokens = List.of(text.split("\n", -1));
        if (tokens.size() < 2 || !tokens.get(PAD).equals(PAD_TOKEN) || !tokens.get(UNK).equals(UNK_TOKEN)) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD_TOKEN + " and " + UNK_TOKEN
                    + " on lines 1 and 2");
        }
        for (String t : tokens) {
            if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a vocabulary token must be non-empty without whitespace, got '"
                        + t + "'");
            }
        }
        return new Vocabulary(tokens);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + tokens.size() + " tokens)";
    }
}
