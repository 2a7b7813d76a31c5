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
 * (one row per epoch), {@code summary.json}, {@code loss.png} and {@code accuracy.png}. Every
 * file is written to a temporary sibling and renamed into place.
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

    /** Writes {@code metrics.csv} from the epochs so far. */
    public static void writeMetrics(Path dir, List<EpochStats> history) throws IOException {
        StringBuilder sb = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
        for (EpochStats e : history) {
            sb.append(e.toCsv()).append('\n');
        }
        writeAtomically(dir.resolve(METRICS), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code summary.json}. */
    public static void writeSummary(Path dir, String json) throws IOException {
        writeAtomically(dir.resolve(SUMMARY), (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code loss.png} and {@code accuracy.png} (headless). */
    public static void writePlots(Path dir, String title, List<EpochStats> history) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        List<Integer> epochs = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> evalLoss = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> evalAcc = new ArrayList<>();
        for (EpochStats e : history) {
            epochs.add(e.epoch());
            trainLoss.add(e.trainLoss());
            evalLoss.add(e.evalLoss());
            trainAcc.add(e.trainAccuracy());
            evalAcc.add(e.evalAccuracy());
        }
        save(chart(title + ": loss", "cross-entropy", epochs, trainLoss, evalLoss), dir.resolve(LOSS_PLOT));
        save(chart(title + ": accuracy", "accuracy", epochs, trainAcc, evalAcc), dir.resolve(ACCURACY_PLOT));
    }

    private static XYChart chart(String title, String yTitle, List<Integer> x, List<Double> train, List<Double> eval) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDecimalPattern("#0.0000");
        chart.getStyler().setXAxisDecimalPattern("#0");
        chart.addSeries("train", x, train).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("test", x, eval).setMarker(SeriesMarkers.DIAMOND);
        return chart;
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
