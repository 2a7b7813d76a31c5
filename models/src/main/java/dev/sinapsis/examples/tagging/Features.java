package dev.sinapsis.examples.tagging;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tagger's input features, with vocabularies built on the training sentences only: the
 * lower-cased word, its last three letters, and its shape (lower case, capitalised, digits or
 * other); id 0 pads, id 1 is the unknown word or suffix.
 */
public final class Features {
    /** Padding id of every vocabulary. */
    public static final int PAD = 0;
    /** Unknown word or suffix. */
    public static final int UNK = 1;
    /** Number of shape ids (pad, lower, capitalised, digit, other). */
    public static final int SHAPES = 5;
    private final Map<String, Integer> words = new HashMap<>();
    private final Map<String, Integer> suffixes = new HashMap<>();
    private final Map<String, Integer> wordCounts = new HashMap<>();
    private final List<String> tags;
    private final Map<String, Integer> tagIds = new HashMap<>();

    /** Vocabularies of {@code train}, in sorted order (the ids do not depend on sentence order). */
    public Features(List<TaggedSentence> train) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        TreeSet<String> suffixSet = new TreeSet<>();
        TreeSet<String> tagSet = new TreeSet<>();
        for (TaggedSentence s : train) {
            for (int i = 0; i < s.length(); i++) {
                counts.merge(lower(s.words().get(i)), 1, Integer::sum);
                suffixSet.add(suffix(s.words().get(i)));
                tagSet.add(s.tags().get(i));
            }
        }
        counts.keySet().forEach(w -> words.put(w, words.size() + 2));
        wordCounts.putAll(counts);
        suffixSet.forEach(x -> suffixes.put(x, suffixes.size() + 2));
        tags = List.copyOf(tagSet);
        tags.forEach(t -> tagIds.put(t, tagIds.size()));
    }

    /** Word vocabulary size (with pad and unknown). */
    public int wordCount() {
        return words.size() + 2;
    }

    /** Suffix vocabulary size (with pad and unknown). */
    public int suffixCount() {
        return suffixes.size() + 2;
    }

    /** The tag set of the training sentences, sorted. */
    public List<String> tags() {
        return tags;
    }

    /** The id of {@code tag}, or -1 for a tag the training sentences never use. */
    public int tagId(String tag) {
        return tagIds.getOrDefault(tag, -1);
    }

    /** The word's id. */
    public int word(String w) {
        return words.getOrDefault(lower(w), UNK);
    }

    /** Whether the word occurs once in the training sentences (a candidate for word dropout). */
    public boolean rare(String w) {
        return wordCounts.getOrDefault(lower(w), 0) <= 1;
    }

    /** The suffix's id. */
    public int suffixId(String w) {
        return suffixes.getOrDefault(suffix(w), UNK);
    }

    /** The shape id: 1 lower case, 2 capitalised, 3 with a digit, 4 other (punctuation). */
    public static int shape(String w) {
        if (w.chars().anyMatch(Character::isDigit)) {
            return 3;
        }
        if (Character.isUpperCase(w.codePointAt(0))) {
            return 2;
        }
        return Character.isLetter(w.codePointAt(0)) ? 1 : 4;
    }

    private static String lower(String w) {
        return w.toLowerCase(Locale.ROOT);
    }

    private static String suffix(String w) {
        String l = lower(w);
        return l.length() <= 3 ? l : l.substring(l.length() - 3);
    }
}
