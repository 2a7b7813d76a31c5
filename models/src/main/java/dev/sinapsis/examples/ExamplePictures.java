package dev.sinapsis.examples;

import dev.sinapsis.models.RunFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Pictures of the classic examples beside {@link ExamplePlots}: line charts over explicit x values
 * and grids of small images (prototype maps, filters, Gibbs samples, Hopfield states), drawn with
 * a title, axis titles and optional row and column labels.
 */
public final class ExamplePictures {
    private static final int MARGIN = 12;

    private ExamplePictures() {
    }

    /**
     * One curve of an {@link #xyChart}.
     *
     * @param name the legend entry
     * @param x    the abscissae
     * @param y    the ordinates, as many as {@code x}
     */
    public record Series(String name, double[] x, double[] y) {
        /** Checks that x and y have the same length. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                        + " y values");
            }
        }

        /** {@code y} against 1, 2, 3... */
        public static Series indexed(String name, List<Double> y) {
            double[] xs = new double[y.size()];
            double[] ys = new double[y.size()];
            for (int i = 0; i < ys.length; i++) {
                xs[i] = i + 1;
                ys[i] = y.get(i);
            }
            return new Series(name, xs, ys);
        }
    }

    /** Draws every series as a line with markers (in the order given) and writes the PNG to {@code file}. */
    public static void xyChart(Path file, String title, String xTitle, String yTitle, List<Series> series)
            throws IOException {
        xyChart(file, title, xTitle, yTitle, series, false);
    }

    /** As {@link #xyChart(Path, String, String, String, List)}, with a logarithmic y axis when {@code logY}. */
    public static void xyChart(Path file, String title, String xTitle, String yTitle, List<Series> series, boolean logY)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDecimalPattern("#0.0###");
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern("0.#E0");
        }
        chart.getStyler().setYAxisLogarithmic(logY);
        double largest = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y())).map(Math::abs).max().orElse(0);
        if (!logY && largest >= 1000) {
            chart.getStyler().setYAxisDecimalPattern("#,##0");
        }
        if (series.stream().allMatch(s -> java.util.Arrays.stream(s.x()).allMatch(v -> v == Math.rint(v)))) {
            chart.getStyler().setXAxisDecimalPattern("#0");
        }
        for (Series s : series) {
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(s.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        RunFiles.writeAtomically(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The colour of pixel {@code (y, x)} of the tile in grid row {@code row}, column {@code col}. */
    @FunctionalInterface
    public interface TilePainter {
        /** An RGB colour ({@code 0xRRGGBB}). */
        int rgb(int row, int col, int y, int x);
    }

    /**
     * A grid of {@code rows x cols} tiles of {@code tileHeight x tileWidth} pixels, each pixel drawn
     * as a {@code scale x scale} square.
     *
     * @param title      the title above the grid
     * @param rows       number of tile rows
     * @param cols       number of tile columns
     * @param tileHeight pixels per tile, vertically
     * @param tileWidth  pixels per tile, horizontally
     * @param scale      screen pixels per tile pixel
     * @param gap        screen pixels between tiles
     * @param xTitle     the title under the grid (what the columns are)
     * @param yTitle     the title left of the grid (what the rows are), or {@code null}
     * @param colLabels  one label per column above it, or {@code null}
     * @param rowLabels  one label per row left of it, or {@code null}
     */
    public record Grid(String title, int rows, int cols, int tileHeight, int tileWidth, int scale, int gap,
                       String xTitle, String yTitle, List<String> colLabels, List<String> rowLabels) {
        /** Checks the sizes and the label counts. */
        public Grid {
            if (rows < 1 || cols < 1 || tileHeight < 1 || tileWidth < 1 || scale < 1 || gap < 0) {
                throw new IllegalArgumentException("grid " + rows + "x" + cols + " of " + tileHeight + "x" + tileWidth
                        + " tiles, scale " + scale + ", gap " + gap);
            }
            if (colLabels != null && colLabels.size() != cols || rowLabels != null && rowLabels.size() != rows) {
                throw new IllegalArgumentException("grid labels: " + cols + " columns, " + rows + " rows");
            }
        }
    }

    /** Draws {@code grid}, its tiles painted by {@code painter}, and writes the PNG to {@code file}. */
    public static void imageGrid(Path file, Grid grid, TilePainter painter) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        FontMetrics tm = metrics(titleFont);
        FontMetrics lm = metrics(labelFont);
        int cellW = grid.tileWidth() * grid.scale();
        int cellH = grid.tileHeight() * grid.scale();
        int gridW = grid.cols() * cellW + (grid.cols() - 1) * grid.gap();
        int gridH = grid.rows() * cellH + (grid.rows() - 1) * grid.gap();
        int rowLabelW = grid.rowLabels() == null ? 0
                : grid.rowLabels().stream().mapToInt(lm::stringWidth).max().orElse(0) + 6;
        int yTitleW = grid.yTitle() == null ? 0 : lm.getHeight() + 6;
        int colLabelH = grid.colLabels() == null ? 0 : lm.getHeight() + 4;
        int left = MARGIN + yTitleW + rowLabelW;
        int top = MARGIN + tm.getHeight() + 6 + colLabelH;
        int width = Math.max(left + gridW + MARGIN, tm.stringWidth(grid.title()) + 2 * MARGIN);
        width = Math.max(width, lm.stringWidth(grid.xTitle()) + 2 * MARGIN);
        int height = top + gridH + 6 + lm.getHeight() + MARGIN;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0xd0, 0xd0, 0xd0));
            g.fillRect(left - 1, top - 1, gridW + 2, gridH + 2);
            for (int r = 0; r < grid.rows(); r++) {
                for (int c = 0; c < grid.cols(); c++) {
                    int x0 = left + c * (cellW + grid.gap());
                    int y0 = top + r * (cellH + grid.gap());
                    for (int y = 0; y < grid.tileHeight(); y++) {
                        for (int x = 0; x < grid.tileWidth(); x++) {
                            g.setColor(new Color(painter.rgb(r, c, y, x)));
                            g.fillRect(x0 + x * grid.scale(), y0 + y * grid.scale(), grid.scale(), grid.scale());
                        }
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.setFont(titleFont);
            g.drawString(grid.title(), (width - tm.stringWidth(grid.title())) / 2, MARGIN + tm.getAscent());
            g.setFont(labelFont);
            if (grid.colLabels() != null) {
                for (int c = 0; c < grid.cols(); c++) {
                    String s = grid.colLabels().get(c);
                    int cx = left + c * (cellW + grid.gap()) + cellW / 2;
                    g.drawString(s, cx - lm.stringWidth(s) / 2, top - 4 - lm.getDescent());
                }
            }
            if (grid.rowLabels() != null) {
                for (int r = 0; r < grid.rows(); r++) {
                    String s = grid.rowLabels().get(r);
                    int cy = top + r * (cellH + grid.gap()) + cellH / 2;
                    g.drawString(s, left - 6 - lm.stringWidth(s), cy + lm.getAscent() / 2 - 1);
                }
            }
            g.drawString(grid.xTitle(), left + (gridW - lm.stringWidth(grid.xTitle())) / 2,
                    top + gridH + 6 + lm.getAscent());
            if (grid.yTitle() != null) {
                AffineTransform saved = g.getTransform();
                g.translate(MARGIN + lm.getAscent(), top + (gridH + lm.stringWidth(grid.yTitle())) / 2.0);
                g.rotate(-Math.PI / 2);
                g.drawString(grid.yTitle(), 0, 0);
                g.setTransform(saved);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        RunFiles.writeAtomically(file, bytes.toByteArray());
    }

    /** A grey level for {@code v} in {@code [lo, hi]} (clamped): {@code lo} black, {@code hi} white. */
    public static int grey(double v, double lo, double hi) {
        double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        int level = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
        return level << 16 | level << 8 | level;
    }

    /** An RGB colour from components in [0, 1] (clamped). */
    public static int rgb(double r, double g, double b) {
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    private static FontMetrics metrics(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }
}
