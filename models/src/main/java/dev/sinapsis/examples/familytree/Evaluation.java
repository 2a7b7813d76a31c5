package dev.sinapsis.examples.familytree;

import dev.sinapsis.autograd.Autograd;
import dev.sinapsis.tensor.MemoryScope;
import java.util.ArrayList;
import java.util.List;

/**
 * How many queries the network answers exactly: the people it gives a probability above
 * {@link #THRESHOLD} are exactly the answers (a single answer should get nearly all of it, each
 * of two answers about half).
 *
 * @param correct the queries answered exactly
 * @param total   the queries
 * @param lines   one line per query: the question, the answer and the network's
 */
record Evaluation(int correct, int total, List<String> lines) {
    /** The probability above which a person counts as the network's answer. */
    static final double THRESHOLD = 0.2;

    static Evaluation of(FamilyTreeNetwork net, FamilyTrees data, List<Query> queries) {
        int people = data.people().size();
        float[] p;
        try (var ignored = Autograd.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Batch b = Batch.of(data, queries);
            p = dev.sinapsis.nn.functional.Activations.softmax(net.forward(b.persons(), b.relations()), 1).toFloatArray();
        }
        int correct = 0;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Query q = queries.get(i);
            List<String> said = new ArrayList<>();
            boolean ok = true;
            for (int j = 0; j < people; j++) {
                boolean on = p[i * people + j] > THRESHOLD;
                ok &= on == q.answers().contains(j);
                if (on) {
                    said.add(data.people().get(j));
                }
            }
            correct += ok ? 1 : 0;
            List<String> truth = q.answers().stream().map(data.people()::get).toList();
            lines.add(String.format(java.util.Locale.ROOT, "%s's %s? %s; the network: %s (%s)",
                    data.people().get(q.person()), FamilyTrees.RELATIONS.get(q.relation()), String.join(" and ", truth),
                    said.isEmpty() ? "nobody" : String.join(" and ", said), ok ? "right" : "wrong"));
        }
        return new Evaluation(correct, queries.size(), lines);
    }
}
