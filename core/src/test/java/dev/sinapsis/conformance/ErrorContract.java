package dev.sinapsis.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.DTypeException;
import dev.sinapsis.tensor.ShapeException;
import dev.sinapsis.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Errors name the op and the offending shapes or dtypes. */
public interface ErrorContract {

    static void assertMessage(Class<? extends Throwable> type, Executable e, String... parts) {
        Throwable t = assertThrows(type, e);
        for (String p : parts) {
            assertTrue(t.getMessage() != null && t.getMessage().contains(p),
                    "message '" + t.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    default void matmulShapeMismatch() {
        Tensor a = Tensor.zeros(3, 4);
        Tensor b = Tensor.zeros(5, 6);
        ShapeException e = assertThrows(ShapeException.class, () -> a.matmul(b));
        assertEquals("matmul: [3,4] @ [5,6]: inner dimensions 4 and 5 differ", e.getMessage());
        assertMessage(ShapeException.class, () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 2)), "matmul",
                "[2,3,4]", "[3,4,2]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(4).matmul(Tensor.zeros(5)), "matmul", "[4]", "[5]");
        assertMessage(ShapeException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(5)), "matmul");
    }

    @Test
    default void nonBroadcastableShapes() {
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).add(Tensor.zeros(5)), "add", "[3,4]", "[5]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(2, 3).mul(Tensor.zeros(3, 2)), "mul", "[2,3]", "[3,2]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(7, 1).lt(Tensor.zeros(6, 3)), "lt", "[7,1]", "[6,3]");
        assertMessage(ShapeException.class, () -> Tensor.where(Tensor.zeros(3).gt(0), Tensor.zeros(4), Tensor.zeros(3)),
                "where");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).reshape(5, 2), "reshape", "[3,4]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).expand(3, 5), "expand", "[3,4]");
        assertMessage(ShapeException.class, () -> Tensor.concat(0, Tensor.zeros(3, 4), Tensor.zeros(3, 5)),
                "concat", "[3,4]", "[3,5]");
        assertMessage(ShapeException.class, () -> Tensor.stack(0, Tensor.zeros(3), Tensor.zeros(4)), "stack");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).sum(2), "sum", "axis 2");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).copyFrom(Tensor.zeros(4, 3)), "copyFrom");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).maskedFill(Tensor.zeros(5).gt(0), 1),
                "maskedFill");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).gather(0, Tensor.zeros(
                dev.sinapsis.tensor.Shape.of(3), DType.I64)), "gather");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).item(), "item", "[3,4]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).sum(new int[] {1, -1}, false), "sum", "repeated");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).permute(0, 0), "permute", "repeated");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).transpose(0, 2), "transpose", "axis 2");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 4).t().view(12), "view", "[4,3]");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3, 0).max(1), "max", "size 0");
        assertMessage(ShapeException.class, () -> Tensor.zeros(3).t(), "t", "[3]");
    }

    @Test
    default void dtypeMismatch() {
        assertMessage(DTypeException.class, () -> Tensor.zeros(3).add(Tensor.of(new double[] {1, 2, 3})), "add",
                "F32", "F64");
        assertMessage(DTypeException.class, () -> Tensor.zeros(2, 2).matmul(Tensor.of(new long[] {1, 2, 3, 4}, 2, 2)),
                "matmul");
        assertMessage(DTypeException.class, () -> Tensor.of(new long[] {1}).exp(), "exp", "I64");
        assertMessage(DTypeException.class, () -> Tensor.zeros(2).not(), "not");
        assertMessage(DTypeException.class, () -> Tensor.zeros(2).and(Tensor.zeros(2)), "and");
        assertMessage(DTypeException.class, () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(2), Tensor.zeros(2)),
                "where");
        assertMessage(DTypeException.class, () -> Tensor.zeros(2).gather(0, Tensor.zeros(2)), "gather");
        assertMessage(DTypeException.class, () -> Tensor.zeros(2).maskedFill(Tensor.zeros(2), 1), "maskedFill");
        assertMessage(DTypeException.class, () -> Tensor.of(new boolean[] {true}).add(Tensor.of(new boolean[] {true})),
                "add", "BOOL");
        assertMessage(DTypeException.class, () -> Tensor.of(new long[] {1, 2}).mean(), "mean");
    }

    @Test
    default void useOfAClosedTensor() {
        Tensor t = Tensor.ones(3);
        t.close();
        t.close();
        assertMessage(IllegalStateException.class, () -> t.add(1), "closed");
        assertMessage(IllegalStateException.class, t::toDoubleArray, "closed");
        assertMessage(IllegalStateException.class, () -> t.reshape(3, 1).sum(), "closed");
        Tensor base = Tensor.ones(4, 4);
        Tensor v = base.t();
        base.close();
        assertEquals(4.0, v.select(0, 1).sum().item(), "a view keeps the storage alive after its base is closed");
    }
}
