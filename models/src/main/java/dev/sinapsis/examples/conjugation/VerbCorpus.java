package dev.sinapsis.examples.conjugation;

import dev.sinapsis.data.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The conjugation corpus shipped in the jar ({@code verbs.tsv.gz}; its provenance and the script
 * that made it are beside it): 939 verbs, 4 tenses, 6 persons, split by verb into train and held-out.
 */
public final class VerbCorpus {
    /** The resource, relative to this class's loader root. */
    public static final String RESOURCE = "/dev/sinapsis/models/conjugation/verbs.tsv.gz";
    /** The tenses, in the corpus's order. */
    public static final List<String> TENSES = List.of("presente", "indefinido", "imperfecto", "futuro");
    /** The persons, in the corpus's order. */
    public static final List<String> PERSONS = List.of("1s", "2s", "3s", "1p", "2p", "3p");
    private static final Set<String> KINDS = Set.of("regular", "spelling", "stem", "irregular");

    private VerbCorpus() {
    }

    /** Every row of the embedded corpus. */
    public static List<VerbForm> load() {
        try (InputStream raw = VerbCorpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new DatasetException("the conjugation corpus " + RESOURCE + " is missing from the jar");
            }
            return parse(new GZIPInputStream(raw), RESOURCE);
        } catch (IOException e) {
            throw new DatasetException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses the TSV (header, then infinitive tense person form class kind split). */
    static List<VerbForm> parse(InputStream in, String name) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (!"infinitive\ttense\tperson\tform\tclass\tkind\tsplit".equals(header)) {
            throw new DatasetException(name + ": unexpected header " + header);
        }
        List<VerbForm> rows = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            String[] f = line.split("\t", -1);
            if (f.length != 7 || !TENSES.contains(f[1]) || !PERSONS.contains(f[2]) || f[3].isEmpty()
                    || !(f[4].equals("regular") || f[4].equals("irregular")) || !KINDS.contains(f[5])
                    || !(f[6].equals("train") || f[6].equals("heldout"))) {
                throw new DatasetException(name + ": line " + n + " is malformed: " + line);
            }
            rows.add(new VerbForm(f[0], f[1], f[2], f[3], f[4].equals("regular"), f[5], f[6].equals("heldout")));
        }
        return rows;
    }
}
