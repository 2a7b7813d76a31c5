package dev.sinapsis.examples.som;

import dev.sinapsis.examples.Shuffles;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link SelfOrganizingMap} on the rows of a data tensor: {@code epochs} passes in a seeded
 * random order, mini-batches of {@code batch} rows, learning rate and neighbourhood width decaying
 * geometrically from their start to their end values over the whole run. The errors are measured on
 * the whole data before training and after every epoch.
 *
 * @param epochs     passes over the data
 * @param batch      rows per step
 * @param lrStart    the first step's learning rate
 * @param lrEnd      the last step's learning rate
 * @param sigmaStart the first step's neighbourhood width (grid units)
 * @param sigmaEnd   the last step's neighbourhood width
 */
public record SomTraining(int epochs, int batch, double lrStart, double lrEnd, double sigmaStart, double sigmaEnd) {
    /** Checks the settings. */
    public SomTraining {
        if (epochs < 1 || batch < 1 || !(lrStart > 0) || !(lrEnd > 0) || !(sigmaStart > 0) || !(sigmaEnd > 0)) {
            throw new IllegalArgumentException("som training: epochs " + epochs + ", batch " + batch + ", lr "
                    + lrStart + " to " + lrEnd + ", sigma " + sigmaStart + " to " + sigmaEnd);
        }
    }

    /** The same schedule over {@code n} epochs. */
    public SomTraining withEpochs(int n) {
        return new SomTraining(n, batch, lrStart, lrEnd, sigmaStart, sigmaEnd);
    }

    /** Trains {@code map} on {@code data} ({@code [N, D]}) and returns the errors before training and after each epoch. */
    public List<SelfOrganizingMap.Errors> train(SelfOrganizingMap map, Tensor data, SplittableRandom rng,
                                                java.util.function.Consumer<SelfOrganizingMap.Errors> perEpoch) {
        int n = data.dim(0);
        int stepsPerEpoch = (n + batch - 1) / batch;
        int total = epochs * stepsPerEpoch;
        List<SelfOrganizingMap.Errors> history = new ArrayList<>();
        try (MemoryScope scope = MemoryScope.open()) {
            history.add(map.errors(data));
        }
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            int[] order = Shuffles.permutation(n, rng);
            for (int s = 0; s < stepsPerEpoch; s++, step++) {
                int from = s * batch;
                int to = Math.min(n, from + batch);
                long[] rows = new long[to - from];
                for (int i = from; i < to; i++) {
                    rows[i - from] = order[i];
                }
                double t = total == 1 ? 0 : step / (double) (total - 1);
                try (MemoryScope scope = MemoryScope.open()) {
                    map.step(data.indexSelect(0, Tensor.of(rows, rows.length)), decay(lrStart, lrEnd, t),
                            decay(sigmaStart, sigmaEnd, t));
                }
            }
            try (MemoryScope scope = MemoryScope.open()) {
                SelfOrganizingMap.Errors errors = map.errors(data);
                history.add(errors);
                perEpoch.accept(errors);
            }
        }
        return history;
    }

    private static double decay(double start, double end, double t) {
        return start * Math.pow(end / start, t);
    }

}
