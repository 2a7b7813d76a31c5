package dev.sinapsis.models;

import dev.sinapsis.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws images {@code [N, C, H, W]} (C = 1 grey or 3 RGB, pixels in [0, 1], clamped) as a grid
 * PNG, like torchvision's {@code save_image}: {@code cols} images per row, a 2-pixel dark border
 * between them, each pixel drawn {@code scale} times larger.
 *
 * <pre>{@code
 * ImageGrid.write(samples, 8, 2, Path.of("grid.png"));   // 64 samples, 8 x 8
 * }</pre>
 */
public final class ImageGrid {
    private static final int PAD = 2;
    private static final int BORDER_GREY = 40;

    private ImageGrid() {
    }

    /** The grid as an image. */
    public static BufferedImage draw(Tensor images, int cols, int scale) {
        if (images.rank() != 4 || (images.dim(1) != 1 && images.dim(1) != 3) || images.dim(0) == 0) {
            throw new IllegalArgumentException("ImageGrid: expected images [N, 1 or 3, H, W] with N >= 1, got "
                    + images.shape());
        }
        if (cols < 1 || scale < 1) {
            throw new IllegalArgumentException("ImageGrid: columns and scale must be positive, got " + cols + ", " + scale);
        }
        int n = images.dim(0);
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        int columns = Math.min(cols, n);
        int rows = (n + columns - 1) / columns;
        int cellW = w * scale + PAD;
        int cellH = h * scale + PAD;
        BufferedImage img = new BufferedImage(columns * cellW + PAD, rows * cellH + PAD, BufferedImage.TYPE_INT_RGB);
        int border = BORDER_GREY << 16 | BORDER_GREY << 8 | BORDER_GREY;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, border);
            }
        }
        float[] px = images.contiguous().toFloatArray();
        int plane = h * w;
        for (int k = 0; k < n; k++) {
            int x0 = PAD + (k % columns) * cellW;
            int y0 = PAD + (k / columns) * cellH;
            int base = k * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = base + y * w + x;
                    int r = level(px[i]);
                    int rgb = c == 1 ? r << 16 | r << 8 | r : r << 16 | level(px[i + plane]) << 8 | level(px[i + 2 * plane]);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    private static int level(float v) {
        float clamped = Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        return Math.round(clamped * 255);
    }

    /** Draws the grid and writes it to {@code png} atomically. */
    public static void write(Tensor images, int cols, int scale, Path png) throws IOException {
        writePng(draw(images, cols, scale), png);
    }

    /** Writes {@code image} as a PNG to {@code png} atomically (temporary sibling, then rename). */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        RunFiles.writeAtomically(png, bytes.toByteArray());
    }
}
