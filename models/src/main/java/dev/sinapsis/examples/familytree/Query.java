package dev.sinapsis.examples.familytree;

import java.util.List;

/**
 * One case of the family-tree task: "who is {@code relation} of {@code person}?", with every
 * correct answer (two for the uncles and aunts of the youngest generation).
 *
 * @param person   index of person 1 in {@link FamilyTrees#people()}
 * @param relation index of the relation in {@link FamilyTrees#RELATIONS}
 * @param answers  indices of the people who answer it
 */
public record Query(int person, int relation, List<Integer> answers) {
    /** Copies the answers. */
    public Query {
        answers = List.copyOf(answers);
    }
}
