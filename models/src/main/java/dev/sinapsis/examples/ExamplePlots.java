package dev.sinapsis.examples;

import dev.sinapsis.models.RunFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The pictures of the examples (headless PNGs). */
public final class ExamplePlots {
    private ExamplePlots() {
    }

    /** One line per series (sorted by name) against 1, 2, 3...; written to {@code file}. */
    public static void lineChart(Path file, String title, String xTitle, String yTitle, Map<String, List<Double>> series)
            throws IOException {
        lineChart(file, title, xTitle, yTitle, series, 1);
    }

    /** One line per series (sorted by name) against {@code xStep}, 2 {@code xStep}...; written to {@code file}. */
    public static void lineChart(Path file, String title, String xTitle, String yTitle, Map<String, List<Double>> series,
                                 int xStep) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDecimalPattern("#0.00##");
        chart.getStyler().setXAxisDecimalPattern("#0");
        for (Map.Entry<String, List<Double>> e : new TreeMap<>(series).entrySet()) {
            List<Integer> x = new ArrayList<>();
            for (int i = 1; i <= e.getValue().size(); i++) {
                x.add(i * xStep);
            }
            chart.addSeries(e.getKey(), x, e.getValue()).setMarker(SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    /**
     * A heat map of attention weights {@code weights[t][s]}: output symbol {@code t} (rows, top
     * to bottom) against input symbol {@code s} (columns).
     */
    public static void attentionMap(Path file, String title, String[] inputs, String[] outputs, float[][] weights)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        HeatMapChart chart = new HeatMapChartBuilder().width(160 + 72 * inputs.length).height(140 + 45 * outputs.length)
                .title(title).xAxisTitle("input symbol").yAxisTitle("output symbol").build();
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x6b, 0xae, 0xd6), new Color(0x08, 0x30, 0x6b)});
        chart.getStyler().setShowValue(false);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(1);
        List<String> x = List.of(inputs);
        List<String> y = new ArrayList<>();
        int rows = Math.min(outputs.length, weights.length);
        for (int t = rows - 1; t >= 0; t--) {
            y.add(outputs[t]);                                   // first output symbol at the top
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < rows; t++) {
            for (int s = 0; s < inputs.length; s++) {
                cells.add(new Number[] {s, rows - 1 - t, weights[t][s]});
            }
        }
        chart.addSeries("attention", x, y, cells);
        save(chart, file);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        RunFiles.writeAtomically(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
