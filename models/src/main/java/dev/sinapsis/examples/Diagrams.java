package dev.sinapsis.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * Pictures the chart library does not draw, painted with Java2D: decision fields of a classifier
 * over the plane (with its data points and boundary) and Hinton diagrams of weight matrices.
 */
public final class Diagrams {
    private static final Color CLASS0 = new Color(0x9e, 0xc5, 0xe8);
    private static final Color CLASS1 = new Color(0xf6, 0xb2, 0x6b);
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final int PLOT = 260;
    private static final int LEFT = 62;
    private static final int RIGHT = 18;
    private static final int TOP = 46;
    private static final int BOTTOM = 52;

    private Diagrams() {
    }

    /**
     * A labelled point.
     *
     * @param x        abscissa
     * @param y        ordinate
     * @param positive its class: filled (true) or hollow (false)
     */
    public record Point(double x, double y, boolean positive) {
    }

    /**
     * One panel of a decision-field figure.
     *
     * @param title  the panel's title
     * @param field  the classifier's output in [0, 1] at (x, y): shading from blue (0) to orange
     *               (1), with the 0.5 level drawn as the boundary
     * @param points the data, drawn over the field
     * @param radius the points' radius in pixels
     */
    public record Panel(String title, DoubleBinaryOperator field, List<Point> points, int radius) {
    }

    /**
     * Writes the panels in a grid of {@code columns} over the square {@code [lo, hi]²}, under
     * {@code title}, with axes named {@code xLabel} and {@code yLabel} and a legend saying what
     * the shades and markers mean ({@code legend0}, {@code legend1}).
     */
    public static void fields(Path file, String title, List<Panel> panels, int columns, double lo, double hi,
                              String xLabel, String yLabel, String legend0, String legend1) throws IOException {
        int rows = (panels.size() + columns - 1) / columns;
        int cellW = LEFT + PLOT + RIGHT;
        int cellH = TOP + PLOT + BOTTOM;
        int header = 40;
        int footer = 34;
        int gridW = columns * cellW;
        BufferedImage img = new BufferedImage(Math.max(gridW + 20, 720), header + rows * cellH + footer,
                BufferedImage.TYPE_INT_RGB);
        int left = (img.getWidth() - gridW) / 2;
        Graphics2D g = start(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        centered(g, title, img.getWidth() / 2, 27);
        for (int i = 0; i < panels.size(); i++) {
            int ox = left + (i % columns) * cellW + LEFT;
            int oy = header + (i / columns) * cellH + TOP;
            panel(g, panels.get(i), ox, oy, lo, hi, xLabel, yLabel);
        }
        int ly = img.getHeight() - footer / 2;
        int lx = img.getWidth() / 2 - 300;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legendEntry(g, lx, ly, CLASS0, false, legend0);
        legendEntry(g, lx + 320, ly, CLASS1, true, legend1);
        g.dispose();
        Charts.savePng(file, img);
    }

    private static void legendEntry(Graphics2D g, int x, int y, Color shade, boolean filled, String text) {
        g.setColor(shade);
        g.fillRect(x, y - 9, 26, 18);
        marker(g, x + 13, y, 6, filled);
        g.setColor(INK);
        g.drawString(text, x + 34, y + 5);
    }

    private static void panel(Graphics2D g, Panel p, int ox, int oy, double lo, double hi, String xLabel,
                              String yLabel) {
        double span = hi - lo;
        double[][] f = new double[PLOT][PLOT];
        for (int r = 0; r < PLOT; r++) {
            for (int c = 0; c < PLOT; c++) {
                f[r][c] = p.field().applyAsDouble(lo + (c + 0.5) / PLOT * span, hi - (r + 0.5) / PLOT * span);
            }
        }
        for (int r = 0; r < PLOT; r++) {
            for (int c = 0; c < PLOT; c++) {
                double v = Math.max(0, Math.min(1, f[r][c]));
                boolean edge = (c + 1 < PLOT && (f[r][c] >= 0.5) != (f[r][c + 1] >= 0.5))
                        || (r + 1 < PLOT && (f[r][c] >= 0.5) != (f[r + 1][c] >= 0.5));
                g.setColor(edge ? INK : mix(CLASS0, CLASS1, v));
                g.fillRect(ox + c, oy + r, 1, 1);
            }
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(ox, oy, PLOT, PLOT);
        for (Point pt : p.points()) {
            int px = (int) Math.round(ox + (pt.x() - lo) / span * PLOT);
            int py = (int) Math.round(oy + (hi - pt.y()) / span * PLOT);
            marker(g, px, py, p.radius(), pt.positive());
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(lo, hi)) {
            int px = (int) Math.round(ox + (t - lo) / span * PLOT);
            int py = (int) Math.round(oy + (hi - t) / span * PLOT);
            g.draw(new Line2D.Double(px, oy + PLOT, px, oy + PLOT + 5));
            g.draw(new Line2D.Double(ox - 5, py, ox, py));
            String label = tick(t);
            centered(g, label, px, oy + PLOT + 8 + fm.getAscent());
            g.drawString(label, ox - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        centered(g, xLabel, ox + PLOT / 2, oy + PLOT + 42);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, ox - 44, oy + PLOT / 2.0);
        centered(g, yLabel, ox - 44, oy + PLOT / 2 + 5);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        centered(g, p.title(), ox + PLOT / 2, oy - 12);
    }

    private static void marker(Graphics2D g, int x, int y, int radius, boolean filled) {
        Ellipse2D circle = new Ellipse2D.Double(x - radius, y - radius, 2.0 * radius, 2.0 * radius);
        g.setColor(filled ? INK : Color.WHITE);
        g.fill(circle);
        g.setColor(INK);
        g.setStroke(new BasicStroke(radius > 4 ? 2f : 1f));
        g.draw(circle);
    }

    /**
     * Writes a Hinton diagram of {@code weights[row][column]}: a square per entry whose area is
     * proportional to its magnitude, white for positive and black for negative, on grey; rows and
     * columns are named, and a line is drawn under the rows listed in {@code separators}.
     */
    public static void hinton(Path file, String title, String[] rowNames, String[] columnNames, double[][] weights,
                              int[] separators, String note) throws IOException {
        int cell = 30;
        int left = 170;
        int top = 86;
        int rows = weights.length;
        int cols = weights[0].length;
        double max = 0;
        for (double[] row : weights) {
            for (double w : row) {
                max = Math.max(max, Math.abs(w));
            }
        }
        int width = Math.max(left + cols * cell + 40, 560);
        int height = top + rows * cell + 60;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        centered(g, title, width / 2, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, note, width / 2, 48);
        Color grey = new Color(0x80, 0x80, 0x80);
        g.setColor(grey);
        g.fillRect(left, top, cols * cell, rows * cell);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < cols; c++) {
            g.setColor(INK);
            centered(g, columnNames[c], left + c * cell + cell / 2, top - 8);
        }
        for (int r = 0; r < rows; r++) {
            g.setColor(INK);
            g.drawString(rowNames[r], left - 10 - fm.stringWidth(rowNames[r]), top + r * cell + cell / 2 + 5);
            for (int c = 0; c < cols; c++) {
                double w = weights[r][c];
                double side = max == 0 ? 0 : Math.sqrt(Math.abs(w) / max) * (cell - 4);
                g.setColor(w >= 0 ? Color.WHITE : Color.BLACK);
                g.fill(new java.awt.geom.Rectangle2D.Double(left + c * cell + (cell - side) / 2,
                        top + r * cell + (cell - side) / 2, side, side));
            }
        }
        g.setColor(INK);
        g.setStroke(new BasicStroke(2f));
        for (int s : separators) {
            g.drawLine(left - 150, top + s * cell, left + cols * cell, top + s * cell);
        }
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, cols * cell, rows * cell);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        centered(g, String.format(Locale.ROOT, "white = positive, black = negative; the largest square is %.2f", max),
                width / 2, height - 22);
        g.dispose();
        Charts.savePng(file, img);
    }

    private static Graphics2D start(BufferedImage img) {
        System.setProperty("java.awt.headless", "true");
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(INK);
        return g;
    }

    private static void centered(Graphics2D g, String text, int x, int y) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    /** About five round tick values in [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 4;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : raw / mag >= 1 ? mag : mag;
        java.util.List<Double> out = new java.util.ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9; t += step) {
            out.add(Math.abs(t) < 1e-12 ? 0.0 : t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String tick(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : String.format(Locale.ROOT, "%.1f", t);
    }
}
