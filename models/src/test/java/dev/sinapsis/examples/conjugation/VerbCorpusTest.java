package dev.sinapsis.examples.conjugation;

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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The embedded conjugation corpus is the one its provenance describes, and its labels are right. */
class VerbCorpusTest {
    private static final List<VerbForm> ROWS = VerbCorpus.load();

    @Test
    void contentMatchesTheProvenanceChecksum() throws Exception {
        try (InputStream in = new GZIPInputStream(VerbCorpus.class.getResourceAsStream(VerbCorpus.RESOURCE))) {
            byte[] text = in.readAllBytes();
            assertEquals("0f06d4754445bb2e46d8394486195a5a6524186d6ef26b300eb91e194ffc88f4",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text)));
        }
    }

    @Test
    void everyVerbHasAllTwentyFourFormsAndTheSplitIsByVerb() {
        assertEquals(22_536, ROWS.size());
        Map<String, List<VerbForm>> byVerb = ROWS.stream().collect(Collectors.groupingBy(VerbForm::infinitive));
        assertEquals(939, byVerb.size());
        for (List<VerbForm> forms : byVerb.values()) {
            assertEquals(24, forms.size());
            assertEquals(1, forms.stream().map(f -> f.heldOut() + "/" + f.regular() + "/" + f.kind()).distinct().count(),
                    forms.get(0).infinitive());
        }
        long heldRegular = byVerb.values().stream().filter(f -> f.get(0).heldOut() && f.get(0).regular()).count();
        long heldIrregular = byVerb.values().stream().filter(f -> f.get(0).heldOut() && !f.get(0).regular()).count();
        assertEquals(68, heldRegular);
        assertEquals(73, heldIrregular);
    }

    @Test
    void knownFormsAreThere() {
        assertForm("hablar", "presente", "1s", "hablo");
        assertForm("comer", "indefinido", "3p", "comieron");
        assertForm("vivir", "imperfecto", "1p", "vivíamos");
        assertForm("ser", "indefinido", "1s", "fui");
        assertForm("ir", "presente", "1p", "vamos");
        assertForm("tener", "futuro", "1s", "tendré");
        assertForm("buscar", "indefinido", "1s", "busqué");
        assertForm("jugar", "presente", "1s", "juego");
        assertForm("pedir", "indefinido", "3s", "pidió");
        assertForm("poseer", "indefinido", "3s", "poseyó");
        assertForm("enviar", "presente", "3p", "envían");
    }

    /** The labels agree with an independent reimplementation of the regular rules. */
    @Test
    void regularLabelMeansEveryFormFollowsTheRegularRules() {
        Map<String, List<VerbForm>> byVerb = ROWS.stream().collect(Collectors.groupingBy(VerbForm::infinitive));
        int regular = 0;
        for (List<VerbForm> forms : byVerb.values()) {
            boolean follows = forms.stream().allMatch(f -> f.form().equals(regularForm(f)));
            assertEquals(follows, forms.get(0).regular(), forms.get(0).infinitive());
            regular += follows ? 1 : 0;
        }
        assertEquals(451, regular);
    }

    @Test
    void malformedRowsAreReportedWithTheirLine() {
        String text = "infinitive\ttense\tperson\tform\tclass\tkind\tsplit\nhablar\tpresente\t1s\thablo\tregular\tregular\ttrain\n"
                + "hablar\tpasado\t1s\thablé\tregular\tregular\ttrain\n";
        DatasetException e = assertThrows(DatasetException.class, () -> VerbCorpus.parse(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x.tsv"));
        assertTrue(e.getMessage().contains("x.tsv: line 3"), e.getMessage());
    }

    private static void assertForm(String infinitive, String tense, String person, String form) {
        assertTrue(ROWS.stream().anyMatch(r -> r.infinitive().equals(infinitive) && r.tense().equals(tense)
                && r.person().equals(person) && r.form().equals(form)), infinitive + " " + person + " " + tense);
    }

    private static String regularForm(VerbForm f) {
        String inf = f.infinitive();
        String stem = inf.substring(0, inf.length() - 2);
        String cls = inf.substring(inf.length() - 2).replace("í", "i");
        int p = VerbCorpus.PERSONS.indexOf(f.person());
        String[] endings = switch (f.tense() + "/" + cls) {
            case "presente/ar" -> new String[] {"o", "as", "a", "amos", "áis", "an"};
            case "presente/er" -> new String[] {"o", "es", "e", "emos", "éis", "en"};
            case "presente/ir" -> new String[] {"o", "es", "e", "imos", "ís", "en"};
            case "indefinido/ar" -> new String[] {"é", "aste", "ó", "amos", "asteis", "aron"};
            case "indefinido/er", "indefinido/ir" -> new String[] {"í", "iste", "ió", "imos", "isteis", "ieron"};
            case "imperfecto/ar" -> new String[] {"aba", "abas", "aba", "ábamos", "abais", "aban"};
            case "imperfecto/er", "imperfecto/ir" -> new String[] {"ía", "ías", "ía", "íamos", "íais", "ían"};
            default -> null;
        };
        if (f.tense().equals("futuro")) {
            return inf.replace("í", "i") + new String[] {"é", "ás", "á", "emos", "éis", "án"}[p];
        }
        return stem + endings[p];
    }
}
