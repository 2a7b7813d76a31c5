package dev.sinapsis.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One PNG line chart of chosen per-epoch figures, several series on one set of axes (e.g. a GAN's
 * discriminator and generator losses), for runs whose figures do not pair as train/test.
 *
 * <pre>{@code
 * Map<String, String> series = new LinkedHashMap<>();
 * series.put("D loss", "train_loss_d");
 * series.put("G loss", "train_loss_g");
 * EpochCharts.write(dir.resolve("losses.png"), "gan: losses", "loss", history, series);
 * }</pre>
 */
public final class EpochCharts {
    private EpochCharts() {
    }

    /**
     * Writes the chart (headless, atomically); series whose figure the history lacks are left out,
     * and nothing is written when none remains. Returns whether the file was written.
     *
     * @param series legend label to figure name ({@code train_loss_d}, {@code eval_fid}, ...), in order
     */
    public static boolean write(Path file, String title, String yTitle, List<EpochStats> history,
                                Map<String, String> series) throws IOException {
        if (history.isEmpty() || !TextRendering.availableFor("charts")) {
            return false;
        }
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setDecimalPattern("#0.####");
        chart.getStyler().setXAxisDecimalPattern("#0");
        List<Integer> epochs = history.stream().map(EpochStats::epoch).toList();
        var markers = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP);
        int k = 0;
        for (Map.Entry<String, String> s : new LinkedHashMap<>(series).entrySet()) {
            if (!history.get(0).metrics().containsKey(s.getValue())) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            history.forEach(e -> y.add(e.metric(s.getValue())));
            chart.addSeries(s.getKey(), epochs, y).setMarker(markers.get(k++ % markers.size()));
        }
        if (chart.getSeriesMap().isEmpty()) {
            return false;
        }
        RunFiles.writeAtomically(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return true;
    }
}
