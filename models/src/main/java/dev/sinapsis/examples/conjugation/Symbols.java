package dev.sinapsis.examples.conjugation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The symbol table shared by the encoder and the decoder: padding, start and end markers, one
 * symbol per person and per tense ({@code <1s>}, {@code <futuro>}), and the characters of the corpus.
 */
public final class Symbols {
    /** Padding id. */
    public static final int PAD = 0;
    /** Start-of-output id (the decoder's first input). */
    public static final int BOS = 1;
    /** End-of-output id. */
    public static final int EOS = 2;
    private final List<String> symbols = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    /** The table for {@code rows}' characters (sorted, so the ids do not depend on row order). */
    public Symbols(Collection<VerbForm> rows) {
        for (String s : List.of("<pad>", "<s>", "</s>")) {
            add(s);
        }
        VerbCorpus.PERSONS.forEach(p -> add("<" + p + ">"));
        VerbCorpus.TENSES.forEach(t -> add("<" + t + ">"));
        TreeSet<Integer> chars = new TreeSet<>();
        for (VerbForm r : rows) {
            r.infinitive().codePoints().forEach(chars::add);
            r.form().codePoints().forEach(chars::add);
        }
        chars.forEach(c -> add(new String(Character.toChars(c))));
    }

    private void add(String s) {
        ids.put(s, symbols.size());
        symbols.add(s);
    }

    /** Number of symbols. */
    public int size() {
        return symbols.size();
    }

    /** The symbol with id {@code id}. */
    public String symbol(int id) {
        return symbols.get(id);
    }

    /** The encoder's input: the infinitive's characters, then the person and the tense symbols. */
    public int[] source(VerbForm r) {
        List<Integer> out = new ArrayList<>();
        r.infinitive().codePoints().forEach(c -> out.add(id(new String(Character.toChars(c)))));
        out.add(id("<" + r.person() + ">"));
        out.add(id("<" + r.tense() + ">"));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The decoder's target: the form's characters, then the end marker. */
    public int[] target(String form) {
        int[] cps = form.codePoints().toArray();
        int[] out = new int[cps.length + 1];
        for (int i = 0; i < cps.length; i++) {
            out[i] = id(new String(Character.toChars(cps[i])));
        }
        out[cps.length] = EOS;
        return out;
    }

    /** The text of decoded ids, up to the first end marker. */
    public String text(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            if (id > EOS + VerbCorpus.PERSONS.size() + VerbCorpus.TENSES.size()) {
                sb.append(symbols.get(id));
            }
        }
        return sb.toString();
    }

    private int id(String s) {
        Integer id = ids.get(s);
        if (id == null) {
            throw new IllegalArgumentException("no symbol " + s);
        }
        return id;
    }
}
