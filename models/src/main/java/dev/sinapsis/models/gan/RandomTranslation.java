package dev.sinapsis.models.gan;

import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;

/**
 * The translation of Differentiable Augmentation (Zhao et al., "Differentiable Augmentation for
 * Data-Efficient GAN Training", 2020): every image of a batch shifted by its own whole number of
 * pixels in {@code [-shift, shift]} along each axis, the uncovered border filled with a constant
 * (the background, -1 in the GAN's pixel range). It is applied to every image the discriminator
 * sees, real and generated, in both updates, so the discriminator cannot memorise the few
 * training images pixel for pixel, and the generator still learns untranslated images (a
 * translation of a good image is as real as the image).
 *
 * <p>Differentiable: it is one {@link Tensor#gather} of the flattened images with one fill column
 * appended, so the generator's gradient flows back through the shift. The shifts come from the
 * given {@link Generator}, so a run is reproducible and resumes exactly when that generator is
 * checkpointed.
 */
public final class RandomTranslation {
    /** The most pixels a shift may take. */
    public static final int MAX_SHIFT = 16;
    private final int shift;
    private final double fill;

    /**
     * @param shift largest shift in pixels along each axis, 0 (off) to {@value #MAX_SHIFT}
     * @param fill  value of the uncovered pixels
     */
    public RandomTranslation(int shift, double fill) {
        if (shift < 0 || shift > MAX_SHIFT) {
            throw new IllegalArgumentException("the translation's shift must be 0 to " + MAX_SHIFT + " pixels, got "
                    + shift);
        }
        this.shift = shift;
        this.fill = fill;
    }

    /** The largest shift in pixels (0: the identity). */
    public int shift() {
        return shift;
    }

    /** {@code images} {@code [N, C, H, W]}, each shifted by its own random offsets drawn from {@code gen}. */
    public Tensor apply(Tensor images, Generator gen) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException("RandomTranslation: expected images [N, C, H, W], got " + images.shape());
        }
        if (shift == 0) {
            return images;
        }
        int n = images.dim(0);
        long[] offsets = Tensor.randint(gen, -shift, shift + 1, n, 2).toLongArray();
        return shifted(images, offsets);
    }

    /**
     * {@code out[n][c][y][x] = images[n][c][y + dy_n][x + dx_n]}, or the fill where that falls
     * outside, with {@code offsets = {dy_0, dx_0, dy_1, dx_1, ...}}.
     */
    Tensor shifted(Tensor images, long[] offsets) {
        int n = images.dim(0);
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        int plane = h * w;
        int size = c * plane;
        long[] index = new long[n * size];
        for (int i = 0; i < n; i++) {
            int dy = (int) offsets[2 * i];
            int dx = (int) offsets[2 * i + 1];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = x + dx;
                        boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                        index[i * size + ch * plane + y * w + x] = inside ? ch * plane + sy * w + sx : size;
                    }
                }
            }
        }
        Tensor flat = images.reshape(n, size);
        Tensor padded = Tensor.concat(1, flat, Tensor.full(Shape.of(n, 1), images.dtype(), fill));
        return padded.gather(1, Tensor.of(index, n, size)).reshape(n, c, h, w);
    }

    @Override
    public String toString() {
        return "RandomTranslation(" + shift + ")";
    }
}
