package dev.sinapsis.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sinapsis.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid geometry, pixel placement and clamping of ImageGrid, read back from the PNG. */
class ImageGridTest {
    @TempDir
    Path tmp;

    @Test
    void placesEachImageInItsCellScaledAndClamped() throws Exception {
        // three 2x3 grey images: all 0, all 1, and one with a ramp and out-of-range values
        float[] px = new float[3 * 6];
        java.util.Arrays.fill(px, 6, 12, 1f);
        float[] third = {-1f, 0.5f, 2f, 0.25f, 0.75f, Float.NaN};
        System.arraycopy(third, 0, px, 12, 6);
        Path png = tmp.resolve("g.png");
        ImageGrid.write(Tensor.of(px, 3, 1, 2, 3), 2, 2, png);
        BufferedImage img = ImageIO.read(png.toFile());
        // 2 columns of (3*2 + 2) px plus 2, 2 rows of (2*2 + 2) px plus 2
        assertEquals(2 * 8 + 2, img.getWidth());
        assertEquals(2 * 6 + 2, img.getHeight());
        assertEquals(40, grey(img, 0, 0)); // border
        assertEquals(0, grey(img, 2, 2)); // image 0
        assertEquals(255, grey(img, 2 + 8 + 5, 2 + 3)); // image 1, last pixel of the cell
        int x0 = 2;
        int y0 = 2 + 6; // image 2: second row, first column
        int[] expected = {0, 128, 255, 64, 191, 0};
        for (int i = 0; i < 6; i++) {
            int x = x0 + (i % 3) * 2 + 1;
            int y = y0 + (i / 3) * 2 + 1;
            assertEquals(expected[i], grey(img, x, y), "pixel " + i);
        }
    }

    @Test
    void rejectsWhatIsNotABatchOfImages() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.draw(Tensor.zeros(2, 28, 28), 8, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.draw(Tensor.zeros(2, 2, 28, 28), 8, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.draw(Tensor.zeros(2, 1, 28, 28), 0, 1));
    }

    private static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        assertEquals(rgb & 0xFF, (rgb >> 8) & 0xFF);
        return rgb & 0xFF;
    }
}
