package dev.sinapsis.examples.familytree;

import dev.sinapsis.tensor.Tensor;
import java.util.List;

/**
 * Queries as tensors.
 *
 * @param persons   person indices, I64 {@code [n]}
 * @param relations relation indices, I64 {@code [n]}
 * @param targets   1 for every correct answer, F32 {@code [n, people]}
 */
record Batch(Tensor persons, Tensor relations, Tensor targets) {
    static Batch of(FamilyTrees data, List<Query> queries) {
        int n = queries.size();
        int people = data.people().size();
        long[] p = new long[n];
        long[] r = new long[n];
        float[] t = new float[n * people];
        for (int i = 0; i < n; i++) {
            Query q = queries.get(i);
            p[i] = q.person();
            r[i] = q.relation();
            for (int a : q.answers()) {
                t[i * people + a] = 1;
            }
        }
        return new Batch(Tensor.of(p, n), Tensor.of(r, n), Tensor.of(t, n, people));
    }
}
