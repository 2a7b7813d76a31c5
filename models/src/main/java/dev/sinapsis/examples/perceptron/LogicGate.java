package dev.sinapsis.examples.perceptron;

import java.util.List;

/**
 * A two-input Boolean function by its truth table over the inputs (0,0), (0,1), (1,0), (1,1).
 *
 * @param name  its name
 * @param table its output for each of {@link #INPUTS}, in that order
 */
public record LogicGate(String name, int[] table) {
    /** The four inputs, in the order of every truth table. */
    public static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    /** AND. */
    public static final LogicGate AND = new LogicGate("AND", new int[] {0, 0, 0, 1});
    /** OR. */
    public static final LogicGate OR = new LogicGate("OR", new int[] {0, 1, 1, 1});
    /** NAND. */
    public static final LogicGate NAND = new LogicGate("NAND", new int[] {1, 1, 1, 0});
    /** NOR. */
    public static final LogicGate NOR = new LogicGate("NOR", new int[] {1, 0, 0, 0});
    /** XOR: not linearly separable. */
    public static final LogicGate XOR = new LogicGate("XOR", new int[] {0, 1, 1, 0});
    /** XNOR: not linearly separable. */
    public static final LogicGate XNOR = new LogicGate("XNOR", new int[] {1, 0, 0, 1});
    /** The gates of the example, the four a perceptron can learn first. */
    public static final List<LogicGate> ALL = List.of(AND, OR, NAND, NOR, XOR, XNOR);

    /** Checks the table. */
    public LogicGate {
        if (table.length != 4) {
            throw new IllegalArgumentException(name + ": a truth table has 4 rows, got " + table.length);
        }
        table = table.clone();
    }

    /** A copy of the truth table. */
    @Override
    public int[] table() {
        return table.clone();
    }

    /**
     * Whether one line separates the inputs where it is 1 from those where it is 0: every
     * two-input function is, except XOR and XNOR (found here by trying every sign pattern of a
     * small integer weight grid, which is enough for two inputs).
     */
    public boolean linearlySeparable() {
        for (int a = -2; a <= 2; a++) {
            for (int b = -2; b <= 2; b++) {
                for (int c = -3; c <= 2; c++) {
                    boolean all = true;
                    for (int i = 0; i < 4 && all; i++) {
                        double s = a * INPUTS[i][0] + b * INPUTS[i][1] + c + 0.5;
                        all = (s > 0) == (table[i] == 1);
                    }
                    if (all) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
