package dev.sinapsis.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private static final List<List<String>> DOCS = List.of(
            List.of("the", "film", "was", "good", "the", "end"),
            List.of("bad", "film", "the", "zebra", "apple"),
            List.of("good", "good", "<unk>"));

    @Test
    void mostFrequentFirstTiesByTextPadAndUnkFirst() {
        Vocabulary v = Vocabulary.build(DOCS, 100, 1);
        // the: 3, good: 3, film: 2, then apple, bad, end, was, zebra once each; "<unk>" in a text is not a word
        assertEquals(List.of("<pad>", "<unk>", "good", "the", "film", "apple", "bad", "end", "was", "zebra"), v.tokens());
        assertEquals(Vocabulary.PAD, 0);
        assertEquals(Vocabulary.UNK, v.id("never-seen"));
        assertArrayEquals(new int[] {3, 4, 1, 2}, v.encode(List.of("the", "film", "unseen", "good")));
    }

    @Test
    void topKAndMinimumCount() {
        assertEquals(List.of("<pad>", "<unk>", "good", "the"), Vocabulary.build(DOCS, 4, 1).tokens());
        assertEquals(List.of("<pad>", "<unk>", "good", "the", "film"), Vocabulary.build(DOCS, 100, 2).tokens());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(DOCS, 1, 1));
    }

    @Test
    void theSameDataInAnyOrderGivesTheSameIds() {
        List<List<String>> docs = new ArrayList<>();
        Random r = new Random(3);
        for (int d = 0; d < 200; d++) {
            List<String> doc = new ArrayList<>();
            for (int t = 0; t < 30; t++) {
                doc.add("w" + (int) Math.floor(Math.abs(r.nextGaussian()) * 20)); // many ties
            }
            docs.add(doc);
        }
        Vocabulary a = Vocabulary.build(docs, 25, 1);
        Collections.shuffle(docs, new Random(9));
        assertEquals(a, Vocabulary.build(docs, 25, 1));
    }

    @Test
    void roundTripsThroughTextAndRefusesBrokenText() {
        Vocabulary v = Vocabulary.build(DOCS, 100, 1);
        Vocabulary back = Vocabulary.fromText(v.toText());
        assertEquals(v, back);
        assertEquals(v.id("zebra"), back.id("zebra"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText("a\nb"));
        assertTrue(e.getMessage().contains("<pad>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText("<pad>\n<unk>\nx\nx"), "duplicate");
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromText("<pad>\n<unk>\n"), "empty token");
    }
}
