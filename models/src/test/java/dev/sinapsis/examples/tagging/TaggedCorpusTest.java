package dev.sinapsis.examples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.data.DatasetException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The embedded tagging corpus is the one its provenance describes. */
class TaggedCorpusTest {
    @Test
    void contentMatchesTheProvenance() throws Exception {
        try (InputStream in = new GZIPInputStream(TaggedCorpus.class.getResourceAsStream(TaggedCorpus.RESOURCE))) {
            assertEquals("7e8e00911dc3251fabc01cb336123b335c22cdb8073c094cf78855f70b660e93",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
        }
        List<TaggedSentence> all = TaggedCorpus.load();
        assertEquals(120, all.size());
        assertEquals(1607, all.stream().mapToInt(TaggedSentence::length).sum());
        assertEquals(269, all.stream().filter(TaggedSentence::heldOut).mapToInt(TaggedSentence::length).sum());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i % 5 == 4, all.get(i).heldOut(), "every fifth sentence is held out");
        }
        TaggedSentence first = all.get(0);
        assertEquals(List.of("Last", "September", ","), first.words().subList(0, 3));
        assertEquals(List.of("JJ", "NNP", ","), first.tags().subList(0, 3));
        assertTrue(all.stream().anyMatch(s -> s.words().contains("Nürnberg")), "Mac Roman decoded");
    }

    @Test
    void malformedLinesAreReportedWithTheirNumber() {
        String text = "# train\nI\tPRP\nwent VBD\n\n";
        DatasetException e = assertThrows(DatasetException.class, () -> TaggedCorpus.parse(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.tsv"));
        assertTrue(e.getMessage().contains("t.tsv: line 3"), e.getMessage());
    }

    @Test
    void baselineTagsKnownWordsByTheirMostFrequentTagAndUnknownOnesByTheCommonestTag() {
        List<TaggedSentence> train = List.of(
                new TaggedSentence(List.of("the", "run", "ends"), List.of("DT", "NN", "VBZ"), false),
                new TaggedSentence(List.of("I", "run", "home"), List.of("PRP", "VBP", "NN"), false),
                new TaggedSentence(List.of("a", "run"), List.of("DT", "NN"), false));
        MostFrequentTag b = new MostFrequentTag(train);
        assertEquals("NN", b.tag("run"));                 // NN twice, VBP once
        assertEquals("NN", b.tag("unseen"));              // NN is the commonest tag (3 of 8)
        assertEquals("DT", b.tag("the"));
        assertEquals(0.5, b.accuracy(List.of(new TaggedSentence(List.of("run", "fast"), List.of("VBP", "NN"), true))));
    }
}
