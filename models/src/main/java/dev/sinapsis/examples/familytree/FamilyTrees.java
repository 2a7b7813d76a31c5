package dev.sinapsis.examples.familytree;

import dev.sinapsis.data.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hinton's (1986) family-tree data as shipped in the jar: the people of the two isomorphic
 * trees ({@code family-trees.txt}, the paper's Figure 1) and the 104 queries derived from them
 * ({@code triples.tsv}, by {@code make_triples.py} beside it; see its comment for how each
 * relation is read off the trees).
 *
 * @param people  the 24 names: 12 English then 12 Italian, position i the same place in either tree
 * @param english whether each person is in the English tree
 * @param queries the 104 cases
 */
public record FamilyTrees(List<String> people, List<Boolean> english, List<Query> queries) {
    /** The 12 relations in the order of the network's relation inputs. */
    public static final List<String> RELATIONS = List.of("father", "mother", "husband", "wife", "son", "daughter",
            "uncle", "aunt", "brother", "sister", "nephew", "niece");
    /** Where the resources are. */
    public static final String DIR = "/dev/sinapsis/models/familytree/";

    /** Copies the lists. */
    public FamilyTrees {
        people = List.copyOf(people);
        english = List.copyOf(english);
        queries = List.copyOf(queries);
    }

    /** Loads the embedded trees and queries. */
    public static FamilyTrees load() {
        List<String> people = new ArrayList<>();
        List<Boolean> english = new ArrayList<>();
        String family = null;
        for (String line : lines("family-trees.txt")) {
            String[] f = line.split("\\s+");
            if (f[0].equals("family")) {
                family = f[1];
            } else if (f[0].equals("person")) {
                people.add(f[1]);
                english.add("English".equals(family));
            }
        }
        List<Query> queries = new ArrayList<>();
        for (String line : lines("triples.tsv")) {
            String[] f = line.split("\t");
            if (f.length != 3) {
                throw new DatasetException(DIR + "triples.tsv: expected person<TAB>relation<TAB>answers, got '" + line + "'");
            }
            List<Integer> answers = new ArrayList<>();
            for (String a : f[2].split(",")) {
                answers.add(index(people, a, line));
            }
            queries.add(new Query(index(people, f[0], line), index(RELATIONS, f[1], line), answers));
        }
        return new FamilyTrees(people, english, queries);
    }

    /** The number of facts (a query with two answers counts twice). */
    public int facts() {
        return queries.stream().mapToInt(q -> q.answers().size()).sum();
    }

    private static int index(List<String> names, String name, String line) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new DatasetException(DIR + ": unknown name '" + name + "' in '" + line + "'");
        }
        return i;
    }

    /** The non-blank, non-comment lines of the resource {@code name}. */
    static List<String> lines(String name) {
        try (InputStream in = FamilyTrees.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new DatasetException("the family-tree data " + DIR + name + " is missing from the jar");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new DatasetException(DIR + name + ": " + e.getMessage(), e);
        }
    }
}
