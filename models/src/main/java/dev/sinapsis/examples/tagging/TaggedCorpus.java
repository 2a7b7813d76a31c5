package dev.sinapsis.examples.tagging;

import dev.sinapsis.data.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The tagging corpus shipped in the jar ({@code tagged.tsv.gz}, 120 hand-tagged English sentences
 * from Apache OpenNLP's tests; its provenance and extraction script are beside it).
 */
public final class TaggedCorpus {
    /** The resource. */
    public static final String RESOURCE = "/dev/sinapsis/models/tagging/tagged.tsv.gz";

    private TaggedCorpus() {
    }

    /** Every sentence of the embedded corpus. */
    public static List<TaggedSentence> load() {
        try (InputStream raw = TaggedCorpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new DatasetException("the tagging corpus " + RESOURCE + " is missing from the jar");
            }
            return parse(new GZIPInputStream(raw), RESOURCE);
        } catch (IOException e) {
            throw new DatasetException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code # train|heldout} lines, {@code word<TAB>tag} lines and blank separators. */
    static List<TaggedSentence> parse(InputStream in, String name) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<TaggedSentence> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Boolean heldOut = null;
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.startsWith("# ")) {
                if (heldOut != null) {
                    throw new DatasetException(name + ": line " + n + ": a sentence starts before the last one ended");
                }
                String split = line.substring(2);
                if (!split.equals("train") && !split.equals("heldout")) {
                    throw new DatasetException(name + ": line " + n + ": unknown split '" + split + "'");
                }
                heldOut = split.equals("heldout");
            } else if (line.isEmpty()) {
                if (heldOut != null) {
                    out.add(new TaggedSentence(words, tags, heldOut));
                }
                words.clear();
                tags.clear();
                heldOut = null;
            } else {
                String[] f = line.split("\t", -1);
                if (heldOut == null || f.length != 2 || f[0].isEmpty() || f[1].isEmpty()) {
                    throw new DatasetException(name + ": line " + n + " is malformed: " + line);
                }
                words.add(f[0]);
                tags.add(f[1]);
            }
        }
        if (heldOut != null && !words.isEmpty()) {
            out.add(new TaggedSentence(words, tags, heldOut));
        }
        return out;
    }
}
