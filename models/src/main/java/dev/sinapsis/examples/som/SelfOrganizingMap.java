package dev.sinapsis.examples.som;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;

/**
 * A Kohonen self-organising map: {@code rows x cols} units on a grid, each with a prototype
 * ({@code weights [K, D]}, {@code K = rows * cols}).
 *
 * <p>Training is Kohonen's rule applied to a mini-batch at once: each input {@code x} finds its best
 * matching unit {@code c} (nearest prototype) and every unit {@code k} moves towards it by
 * {@code lr * h(c, k) * (x - w_k)}, with the Gaussian neighbourhood
 * {@code h = exp(-|r_c - r_k|^2 / (2 sigma^2))} on the grid; the batch's moves are averaged. Both
 * {@code lr} and {@code sigma} shrink during training (the caller's schedule).
 */
public final class SelfOrganizingMap {
    private final int rows;
    private final int cols;
    private final Tensor weights;
    private final Tensor grid;

    /**
     * A map whose prototypes start at {@code initial} ({@code [rows * cols, D]}; copied). Its tensors
     * belong to the memory scope open here, like any tensor made in it.
     */
    public SelfOrganizingMap(int rows, int cols, Tensor initial) {
        if (initial.rank() != 2 || initial.dim(0) != rows * cols) {
            throw new IllegalArgumentException("som: initial prototypes must be [" + rows * cols + ", D], got "
                    + initial.shape());
        }
        this.rows = rows;
        this.cols = cols;
        this.weights = initial.mul(1);
        float[] pos = new float[rows * cols * 2];
        for (int k = 0; k < rows * cols; k++) {
            pos[2 * k] = k / cols;
            pos[2 * k + 1] = k % cols;
        }
        this.grid = Tensor.of(pos, rows * cols, 2);
    }

    /** Grid rows. */
    public int rows() {
        return rows;
    }

    /** Grid columns. */
    public int cols() {
        return cols;
    }

    /** The prototypes {@code [K, D]} (unit {@code k} sits at row {@code k / cols}, column {@code k % cols}). */
    public Tensor weights() {
        return weights;
    }

    /** Squared distances from every input {@code [B, D]} to every prototype: {@code [B, K]}. */
    public Tensor squaredDistances(Tensor x) {
        Tensor xx = x.square().sum(new int[] {1}, true);
        Tensor ww = weights.square().sum(1).unsqueeze(0);
        return xx.add(ww).sub(x.matmul(weights.t()).mul(2)).clamp(0, Double.MAX_VALUE);
    }

    /** One Kohonen step on the mini-batch {@code x} ({@code [B, D]}). */
    public void step(Tensor x, double lr, double sigma) {
        Tensor best = squaredDistances(x).argmin(1, false);                                   // [B]
        Tensor where = grid.indexSelect(0, best);                                              // [B, 2]
        Tensor gridDistance = where.unsqueeze(1).sub(grid.unsqueeze(0)).square().sum(2);       // [B, K]
        Tensor h = gridDistance.div(-2 * sigma * sigma).exp();                                 // [B, K]
        Tensor pull = h.t().matmul(x);                                                         // [K, D]
        Tensor mass = h.sum(0).unsqueeze(1);                                                   // [K, 1]
        weights.addInPlace(pull.sub(weights.mul(mass)), lr / x.dim(0));
    }

    /**
     * The map's two errors on {@code x}.
     *
     * @param quantisation mean distance from an input to its best matching unit's prototype
     * @param topographic  fraction of inputs whose best and second-best units are not neighbours on the
     *                     grid (neighbours: the 8 surrounding units)
     */
    public record Errors(double quantisation, double topographic) {
    }

    /** The quantisation and topographic errors on {@code x}. */
    public Errors errors(Tensor x) {
        Tensor d = squaredDistances(x);
        Tensor best = d.argmin(1, false);
        Tensor quantisation = d.min(1).sqrt().mean();
        Tensor second = d.maskedFill(best.oneHot(rows * cols).gt(0.5), Double.POSITIVE_INFINITY).argmin(1, false);
        Tensor apart = grid.indexSelect(0, best).sub(grid.indexSelect(0, second)).abs().max(1).gt(1.5);
        return new Errors(quantisation.item(), apart.to(DType.F32).mean().item());
    }

    /** The best matching unit of every input {@code [B, D]}. */
    public long[] bestUnits(Tensor x) {
        return squaredDistances(x).argmin(1, false).toLongArray();
    }
}
