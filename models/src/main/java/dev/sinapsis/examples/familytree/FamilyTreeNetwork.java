package dev.sinapsis.examples.familytree;

import dev.sinapsis.nn.Linear;
import dev.sinapsis.nn.Module;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Tensor;

/**
 * Hinton's (1986) family-tree network: person 1 (one of 24, one-hot) into a 6-unit code, the
 * relation (one of 12, one-hot) into another 6-unit code, both into 12 central units, then 6
 * units, then 24 outputs, one per candidate person 2. Every hidden unit is logistic, as in the
 * paper; the outputs are scores for a softmax over the 24 people (where Hinton had logistic
 * outputs and squared error: with the cross-entropy of a softmax the training does not stall on
 * the everyone-off answer).
 */
public final class FamilyTreeNetwork extends Module {
    /** Units of each code. */
    public static final int CODE = 6;
    /** Central units. */
    public static final int CENTRAL = 12;
    private final int people;
    private final int relations;
    private final Linear personCode;
    private final Linear relationCode;
    private final Linear central;
    private final Linear penultimate;
    private final Linear output;

    /** A network for {@code people} people and {@code relations} relations, weights from {@code gen}. */
    public FamilyTreeNetwork(int people, int relations, Generator gen) {
        this.people = people;
        this.relations = relations;
        personCode = registerModule("person_code", new Linear(people, CODE, true, gen));
        relationCode = registerModule("relation_code", new Linear(relations, CODE, true, gen));
        central = registerModule("central", new Linear(2 * CODE, CENTRAL, true, gen));
        penultimate = registerModule("penultimate", new Linear(CENTRAL, CODE, true, gen));
        output = registerModule("output", new Linear(CODE, people, true, gen));
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("FamilyTreeNetwork: use forward(persons, relations)");
    }

    /** Output logits {@code [n, people]} for person indices and relation indices (I64, {@code [n]} each). */
    public Tensor forward(Tensor persons, Tensor relationIndices) {
        Tensor p = personCode.forward(persons.oneHot(people).to(DType.F32)).sigmoid();
        Tensor r = relationCode.forward(relationIndices.oneHot(relations).to(DType.F32)).sigmoid();
        Tensor h = central.forward(Tensor.concat(1, p, r)).sigmoid();
        return output.forward(penultimate.forward(h).sigmoid());
    }

    /** Every person's 6-unit code (the activations of the person layer): {@code [people, 6]}. */
    public Tensor personCodes() {
        return personCode.forward(Tensor.eye(people).to(DType.F32)).sigmoid();
    }

    /** The weights from each person's input unit to the 6 code units: {@code [people, 6]}. */
    public Tensor personWeights() {
        return personCode.weight().t();
    }
}
