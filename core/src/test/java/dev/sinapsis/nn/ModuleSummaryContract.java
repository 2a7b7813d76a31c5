package dev.sinapsis.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.conformance.BackendTestBase;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Module#summary}: shapes, hand-counted parameters, modes left alone. */
public abstract class ModuleSummaryContract extends BackendTestBase {
    private final Generator gen = new Generator(1);

    @Test
    void sequentialCnnShapesAndHandCountedParameters() {
        Sequential net = new Sequential(new Conv2d(1, 8, 3, 1, 1, 1, true, gen), new BatchNorm2d(8), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(8 * 14 * 14, 10, true, gen));
        ModuleSummary s = net.summary(2, 1, 28, 28);
        List<ModuleSummary.Row> rows = s.rows();
        assertEquals(6, rows.size());
        assertEquals(Shape.of(2, 8, 28, 28), rows.get(0).output());
        assertEquals(Shape.of(2, 8, 14, 14), rows.get(3).output());
        assertEquals(Shape.of(2, 1568), rows.get(4).output());
        assertEquals(Shape.of(2, 10), s.output());
        // conv: 8*1*3*3 + 8 = 80; batch norm: 8 + 8 weights, 8 + 8 + 1 buffers; linear: 1568*10 + 10
        assertEquals(80, rows.get(0).params());
        assertEquals(16, rows.get(1).params());
        assertEquals(15_690, rows.get(5).params());
        assertEquals(80 + 16 + 15_690, s.trainable());
        assertEquals(17, s.nonTrainable());
        assertEquals(4L * (80 + 16 + 15_690 + 16) + 8, s.bytes(), "F32 weights and running stats, I64 batch count");
        String table = s.toString();
        assertTrue(table.contains("Total params: 15,803"), table);
        assertTrue(table.contains("Trainable params: 15,786"), table);
        assertTrue(table.contains("[2,8,14,14]"), table);
    }

    @Test
    void summaryLeavesModesAndRunningStatisticsAlone() {
        BatchNorm1d bn = new BatchNorm1d(3);
        Sequential net = new Sequential(new Linear(4, 3, true, gen), bn);
        net.get(0).eval();
        Tensor before = bn.stateDict().get("running_mean").detach().contiguous();
        net.summary(5, 4);
        assertTrue(net.isTraining());
        assertTrue(bn.isTraining());
        assertFalse(net.get(0).isTraining(), "a child in eval mode stays in eval mode");
        assertEquals(before.toString(), bn.stateDict().get("running_mean").toString());
    }

    @Test
    void childrenCalledFromACustomForwardShowNoShape() {
        Module custom = new Module() {
            final Linear a = registerModule("a", new Linear(3, 5, true, gen));
            final Linear b = registerModule("b", new Linear(5, 2, true, gen));

            @Override
            public Tensor forward(Tensor x) {
                return b.forward(a.forward(x).relu());
            }
        };
        ModuleSummary s = custom.summary(4, 3);
        assertNull(s.rows().get(0).output());
        assertEquals(Shape.of(4, 2), s.output());
        assertEquals(3 * 5 + 5 + 5 * 2 + 2, s.trainable());
    }
}
