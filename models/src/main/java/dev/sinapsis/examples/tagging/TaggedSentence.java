package dev.sinapsis.examples.tagging;

import java.util.List;

/**
 * One sentence of the corpus.
 *
 * @param words   the tokens
 * @param tags    their part-of-speech tags
 * @param heldOut whether the sentence is held out of training
 */
public record TaggedSentence(List<String> words, List<String> tags, boolean heldOut) {
    /** Checks that words and tags pair up. */
    public TaggedSentence {
        if (words.size() != tags.size() || words.isEmpty()) {
            throw new IllegalArgumentException("a sentence needs one tag per word, got " + words.size() + " words and "
                    + tags.size() + " tags");
        }
        words = List.copyOf(words);
        tags = List.copyOf(tags);
    }

    /** Number of tokens. */
    public int length() {
        return words.size();
    }
}
