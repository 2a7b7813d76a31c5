package dev.sinapsis.examples.hopfield;

import dev.sinapsis.examples.Shuffles;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs asynchronous updates from given start states until no neuron changes during a whole sweep
 * (a fixed point: energy can fall no further) or {@code maxSweeps} pass. Every sweep visits the
 * neurons in a fresh random order, shared by all the states of the batch.
 */
public final class Recall {
    private Recall() {
    }

    /**
     * What a recall run saw.
     *
     * @param states    the final states {@code [T, Q, N]} (host copy, row-major)
     * @param sweeps    sweeps run (the last one changed nothing, unless {@code maxSweeps} stopped it)
     * @param converged whether every state reached a fixed point
     * @param snapshots the states after each recorded step (see {@link #run}), host copies
     * @param energies  the mean energy over the batch at each recorded step, the start first
     * @param labels    what each snapshot is, e.g. "1/4 sweep", "2 sweeps"
     */
    public record Result(float[] states, int sweeps, boolean converged, List<float[]> snapshots, List<Double> energies,
                         List<String> labels) {
    }

    /**
     * Runs the dynamics from {@code start} (not modified). Snapshots are taken after each quarter
     * of the first sweep and after every sweep.
     */
    public static Result run(HopfieldNetwork net, Tensor start, int maxSweeps, SplittableRandom rng) {
        int n = net.neurons();
        List<float[]> snapshots = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Tensor states = start.mul(1);                                // a private copy, updated in place
        energies.add(net.energy(states).mean().item());
        int sweeps = 0;
        boolean converged = false;
        while (sweeps < maxSweeps && !converged) {
            int[] order = Shuffles.permutation(n, rng);
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor before = states.mul(1);
                for (int k = 0; k < n; k++) {
                    net.update(states, order[k]);
                    if (sweeps == 0 && n >= 4 && (k + 1) % (n / 4) == 0 && k + 1 < n) {
                        snapshots.add(states.toFloatArray());
                        energies.add(net.energy(states).mean().item());
                        labels.add((k + 1) / (n / 4) + "/4 sweep");
                    }
                }
                sweeps++;
                converged = states.ne(before).to(dev.sinapsis.tensor.DType.F32).sum().item() == 0;
            }
            snapshots.add(states.toFloatArray());
            energies.add(net.energy(states).mean().item());
            labels.add(sweeps == 1 ? "1 sweep" : sweeps + " sweeps");
        }
        float[] last = snapshots.get(snapshots.size() - 1);
        states.close();
        return new Result(last, sweeps, converged, List.copyOf(snapshots), List.copyOf(energies), List.copyOf(labels));
    }

    /** {@code count} random bipolar patterns of {@code n} neurons, row-major. */
    public static float[] randomPatterns(SplittableRandom rng, int count, int n) {
        float[] p = new float[count * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextBoolean() ? 1f : -1f;
        }
        return p;
    }

    /** A copy of each {@code n}-neuron row of {@code patterns} with exactly {@code round(fraction n)} bits flipped. */
    public static float[] corrupt(float[] patterns, int n, double fraction, SplittableRandom rng) {
        float[] out = patterns.clone();
        int flips = (int) Math.round(fraction * n);
        for (int row = 0; row < patterns.length / n; row++) {
            int[] order = Shuffles.permutation(n, rng);
            for (int k = 0; k < flips; k++) {
                out[row * n + order[k]] = -out[row * n + order[k]];
            }
        }
        return out;
    }
}
