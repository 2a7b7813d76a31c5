package dev.sinapsis.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The files a run leaves in its output directory besides the checkpoint: {@code metrics.csv}
 * (one row per epoch), {@code summary.json}, and one plot per figure ({@code loss.png},
 * {@code accuracy.png}, ...: training and test curves). Every file is written to a temporary
 * sibling and renamed into place.
 */
public final class RunFiles {
    /** Per-epoch metrics. */
    public static final String METRICS = "metrics.csv";
    /** The final summary, the same JSON as the last line the CLI prints. */
    public static final String SUMMARY = "summary.json";
    /** Loss per epoch. */
    public static final String LOSS_PLOT = "loss.png";
    /** Accuracy per epoch. */
    public static final String ACCURACY_PLOT = "accuracy.png";

    private RunFiles() {
    }

    /** Writes {@code metrics.csv} from the epochs so far, whose figures are {@code columns}. */
    public static void writeMetrics(Path dir, List<String> columns, List<EpochStats> history) throws IOException {
        StringBuilder sb = new StringBuilder(EpochStats.csvHeader(columns)).append('\n');
        for (EpochStats e : history) {
            sb.append(e.toCsv()).append('\n');
        }
        writeAtomically(dir.resolve(METRICS), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code summary.json}. */
    public static void writeSummary(Path dir, String json) throws IOException {
        writeAtomically(dir.resolve(SUMMARY), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one plot per figure (headless): {@code NAME.png} with the {@code train_NAME} and
     * {@code eval_NAME} curves the history has (so {@code loss.png}, {@code accuracy.png}, ...);
     * returns the files' names (none when this Java runtime cannot draw text: see {@link TextRendering}).
     */
    public static List<String> writePlots(Path dir, String title, List<EpochStats> history) throws IOException {
        List<String> written = new ArrayList<>();
        if (history.isEmpty() || !TextRendering.availableFor("plots")) {
            return written;
        }
        List<String> names = List.copyOf(history.get(0).metrics().keySet());
        List<Integer> epochs = history.stream().map(EpochStats::epoch).toList();
        for (String base : EpochStats.baseNames(names)) {
            XYChart chart = new XYChartBuilder().width(800).height(500).title(title + ": " + base.replace('_', ' '))
                    .xAxisTitle("epoch").yAxisTitle(base.equals("loss") ? "loss" : base.replace('_', ' ')).build();
            chart.getStyler().setDecimalPattern("#0.0000");
            chart.getStyler().setXAxisDecimalPattern("#0");
            addSeries(chart, "train", history, "train_" + base, epochs, SeriesMarkers.CIRCLE);
            addSeries(chart, "test", history, "eval_" + base, epochs, SeriesMarkers.DIAMOND);
            if (chart.getSeriesMap().isEmpty()) {
                continue;
            }
            String file = base.replace('_', '-') + ".png";
            save(chart, dir.resolve(file));
            written.add(file);
        }
        return written;
    }

    private static void addSeries(XYChart chart, String label, List<EpochStats> history, String metric,
                                  List<Integer> epochs, org.knowm.xchart.style.markers.Marker marker) {
        List<Double> y = history.stream().map(e -> e.metric(metric)).toList();
        if (history.get(0).metrics().containsKey(metric) && y.stream().allMatch(Double::isFinite)) {
            chart.addSeries(label, epochs, y).setMarker(marker);
        }
    }

    private static void save(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        writeAtomically(file, png);
    }

    /** Writes {@code bytes} to a temporary sibling of {@code file} and renames it over {@code file}. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
