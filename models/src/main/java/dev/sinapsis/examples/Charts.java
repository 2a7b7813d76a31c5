package dev.sinapsis.examples;

import dev.sinapsis.models.RunFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XY charts of the examples with real-valued x (time, current, a feature), several stacked
 * into one PNG when they share an axis; see {@link ExamplePlots} for per-epoch curves.
 */
public final class Charts {
    private Charts() {
    }

    /** How a series is drawn. */
    public enum Style {
        /** A solid line. */
        LINE,
        /** A dashed line (a reference drawn over another series). */
        DASHED,
        /** Markers only (data points). */
        POINTS,
        /** A line with a marker at every point. */
        LINE_POINTS
    }

    /**
     * One series.
     *
     * @param name  its legend entry
     * @param x     abscissas
     * @param y     ordinates, as many as {@code x}
     * @param style how it is drawn
     * @param color its colour, or {@code null} for the chart's next one
     */
    public record Series(String name, double[] x, double[] y, Style style, Color color) {
        /** Checks the lengths. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            }
        }

        /** A series in the chart's next colour. */
        public Series(String name, double[] x, double[] y, Style style) {
            this(name, x, y, style, null);
        }
    }

    /** An XY chart of {@code series}, {@code width} by {@code height} pixels, legend inside the top right. */
    public static XYChart xy(String title, String xTitle, String yTitle, List<Series> series, int width, int height) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        for (Series s : series) {
            XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
            switch (s.style()) {
                case LINE -> xs.setMarker(SeriesMarkers.NONE);
                case DASHED -> {
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineStyle(SeriesLines.DASH_DASH);
                }
                case POINTS -> {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(SeriesMarkers.CIRCLE);
                }
                case LINE_POINTS -> xs.setMarker(SeriesMarkers.CIRCLE);
            }
            if (s.color() != null) {
                xs.setLineColor(s.color());
                xs.setMarkerColor(s.color());
            }
        }
        Series first = series.isEmpty() ? null : series.get(0);
        if (first != null && first.x().length >= 2) {
            // XChart puts the ticks on the data when every x is equally spaced (1, 40, 79... for
            // 1000 epochs); one invisible point off that grid gives round ticks instead
            double off = first.x()[0] + 0.5 * (first.x()[1] - first.x()[0]);
            XYSeries hidden = chart.addSeries(" ", new double[] {off}, new double[] {first.y()[0]});
            hidden.setMarker(SeriesMarkers.NONE);
            hidden.setShowInLegend(false);
        }
        return chart;
    }

    /** Writes {@code charts} one above the other (each at its own size) as one PNG. */
    public static void save(Path file, XYChart... charts) throws IOException {
        List<BufferedImage> images = new java.util.ArrayList<>();
        int width = 0;
        int height = 0;
        for (XYChart c : charts) {
            BufferedImage img = BitmapEncoder.getBufferedImage(c);
            images.add(img);
            width = Math.max(width, img.getWidth());
            height += img.getHeight();
        }
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage img : images) {
            g.drawImage(img, 0, y, null);
            y += img.getHeight();
        }
        g.dispose();
        savePng(file, all);
    }

    /** Writes {@code image} as a PNG, atomically. */
    public static void savePng(Path file, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        RunFiles.writeAtomically(file, bytes.toByteArray());
    }
}
