package dev.sinapsis.examples.tagging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline: each word gets the tag it carries most often in the training sentences (ties:
 * the alphabetically first tag); a word never seen gets the most frequent tag of all.
 */
public final class MostFrequentTag {
    private final Map<String, String> best = new HashMap<>();
    private final String fallback;

    /** The baseline of {@code train}. */
    public MostFrequentTag(List<TaggedSentence> train) {
        Map<String, TreeMap<String, Integer>> counts = new HashMap<>();
        TreeMap<String, Integer> overall = new TreeMap<>();
        for (TaggedSentence s : train) {
            for (int i = 0; i < s.length(); i++) {
                counts.computeIfAbsent(s.words().get(i), k -> new TreeMap<>()).merge(s.tags().get(i), 1, Integer::sum);
                overall.merge(s.tags().get(i), 1, Integer::sum);
            }
        }
        counts.forEach((w, c) -> best.put(w, argmax(c)));
        fallback = argmax(overall);
    }

    private static String argmax(TreeMap<String, Integer> counts) {
        String top = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (top == null || e.getValue() > counts.get(top)) {
                top = e.getKey();
            }
        }
        return top;
    }

    /** The baseline's tag for {@code word}. */
    public String tag(String word) {
        return best.getOrDefault(word, fallback);
    }

    /** Whether {@code word} occurs in the training sentences. */
    public boolean known(String word) {
        return best.containsKey(word);
    }

    /** Per-token accuracy on {@code sentences}. */
    public double accuracy(List<TaggedSentence> sentences) {
        int correct = 0;
        int total = 0;
        for (TaggedSentence s : sentences) {
            for (int i = 0; i < s.length(); i++) {
                correct += tag(s.words().get(i)).equals(s.tags().get(i)) ? 1 : 0;
                total++;
            }
        }
        return (double) correct / total;
    }
}
