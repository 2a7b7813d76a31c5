package dev.sinapsis.examples.familytree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped table against the trees: this test derives every query from {@code family-trees.txt}
 * again, in Java, independently of {@code make_triples.py}, and checks the counts of the paper
 * and the isomorphism of the two families.
 */
class FamilyTreesTest {
    private static final FamilyTrees DATA = FamilyTrees.load();

    @Test
    void hasThePapersCounts() {
        assertEquals(24, DATA.people().size());
        assertEquals(104, DATA.queries().size());
        assertEquals(112, DATA.facts());
        assertEquals(52, DATA.queries().stream().filter(q -> DATA.english().get(q.person())).count());
        assertEquals(8, DATA.queries().stream().filter(q -> q.answers().size() == 2).count());
    }

    @Test
    void tableIsWhatTheTreesSay() {
        assertEquals(derive(), asStrings(DATA.queries()));
        assertTrue(asStrings(DATA.queries()).contains("Colin aunt Margaret,Jennifer"));
        assertTrue(asStrings(DATA.queries()).contains("Victoria husband James"));
        assertTrue(asStrings(DATA.queries()).contains("Charles nephew Colin"));
    }

    /** Person i of the English tree holds the place of person i + 12 of the Italian one: the queries map onto each other. */
    @Test
    void theFamiliesAreIsomorphic() {
        Set<String> english = new TreeSet<>();
        Set<String> italian = new TreeSet<>();
        for (Query q : DATA.queries()) {
            String key = q.relation() + ":" + (q.person() % 12) + ":" + new TreeSet<>(q.answers().stream().map(a -> a % 12)
                    .toList());
            assertTrue(q.answers().stream().allMatch(a -> DATA.english().get(a) == DATA.english().get(q.person())),
                    "answers cross families: " + q);
            (DATA.english().get(q.person()) ? english : italian).add(key);
        }
        assertEquals(english, italian);
    }

    /** The queries, derived from the trees by the definitions in make_triples.py's comment. */
    private static List<String> derive() {
        List<String> people = new ArrayList<>();
        Map<String, Boolean> male = new HashMap<>();
        Map<String, String> spouse = new HashMap<>();
        Map<String, String[]> parents = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (String line : FamilyTrees.lines("family-trees.txt")) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "person" -> {
                    people.add(f[1]);
                    male.put(f[1], f[2].equals("m"));
                }
                case "married" -> {
                    spouse.put(f[1], f[2]);
                    spouse.put(f[2], f[1]);
                }
                case "children" -> {
                    List<String> kids = List.of(f).subList(4, f.length);
                    children.put(f[1], kids);
                    children.put(f[2], kids);
                    kids.forEach(k -> parents.put(k, new String[] {f[1], f[2]}));
                }
                default -> { }
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : people) {
            Map<String, Set<String>> rel = new HashMap<>();
            FamilyTrees.RELATIONS.forEach(r -> rel.put(r, new LinkedHashSet<>()));
            String[] par = parents.get(p);
            if (par != null) {
                rel.get("father").add(par[0]);
                rel.get("mother").add(par[1]);
                for (String parent : par) {
                    for (String sib : siblings(parent, parents, children)) {
                        rel.get(male.get(sib) ? "uncle" : "aunt").add(sib);
                        String in = spouse.get(sib);
                        if (in != null) {
                            rel.get(male.get(in) ? "uncle" : "aunt").add(in);
                        }
                    }
                }
            }
            if (spouse.containsKey(p)) {
                rel.get(male.get(spouse.get(p)) ? "husband" : "wife").add(spouse.get(p));
            }
            for (String c : children.getOrDefault(p, List.of())) {
                rel.get(male.get(c) ? "son" : "daughter").add(c);
            }
            for (String s : siblings(p, parents, children)) {
                rel.get(male.get(s) ? "brother" : "sister").add(s);
            }
            List<String> selves = spouse.containsKey(p) ? List.of(p, spouse.get(p)) : List.of(p);
            for (String self : selves) {
                for (String s : siblings(self, parents, children)) {
                    for (String c : children.getOrDefault(s, List.of())) {
                        rel.get(male.get(c) ? "nephew" : "niece").add(c);
                    }
                }
            }
            for (String r : FamilyTrees.RELATIONS) {
                if (!rel.get(r).isEmpty()) {
                    List<String> answers = new ArrayList<>(rel.get(r));
                    answers.sort((a, b) -> people.indexOf(a) - people.indexOf(b));
                    out.add(p + " " + r + " " + String.join(",", answers));
                }
            }
        }
        return out;
    }

    private static List<String> siblings(String p, Map<String, String[]> parents, Map<String, List<String>> children) {
        String[] par = parents.get(p);
        return par == null ? List.of() : children.get(par[0]).stream().filter(c -> !c.equals(p)).toList();
    }

    private static List<String> asStrings(List<Query> queries) {
        return queries.stream().map(q -> DATA.people().get(q.person()) + " " + FamilyTrees.RELATIONS.get(q.relation())
                + " " + String.join(",", q.answers().stream().map(DATA.people()::get).toList())).toList();
    }
}
