package dev.sinapsis.examples.familytree;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training and held-out queries.
 *
 * @param train the queries trained on
 * @param test  the queries held out
 */
record Split(List<Query> train, List<Query> test) {
    /** Holds out {@code heldOut} queries drawn by {@code seed}. */
    static Split of(FamilyTrees data, int heldOut, long seed) {
        List<Query> all = new ArrayList<>(data.queries());
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Query t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        List<Query> test = new ArrayList<>(all.subList(0, heldOut));
        List<Query> train = new ArrayList<>(data.queries());
        train.removeAll(test);
        return new Split(List.copyOf(train), List.copyOf(test));
    }
}
