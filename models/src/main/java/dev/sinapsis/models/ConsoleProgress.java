package dev.sinapsis.models;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on a console: a progress bar per epoch (the task's figures, examples/s) on
 * {@code err} when it is a terminal, plain progress lines otherwise (no terminal, or {@code CI}
 * set), and one line per finished epoch on {@code out}.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final String unit;
    private ProgressBar bar;
    private int epoch;
    private int epochs;
    private int samples;
    private int nextPlainReport;
    private long lastSamples;

    /** A listener writing to {@code out} and {@code err}; {@code interactive} chooses the progress bar; examples are images. */
    public ConsoleProgress(PrintStream out, PrintStream err, boolean interactive) {
        this(out, err, interactive, "img");
    }

    /** As above, counting examples as {@code unit} ("img", "seq") in rates. */
    public ConsoleProgress(PrintStream out, PrintStream err, boolean interactive, String unit) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.unit = unit;
    }

    /** How figures are shown: accuracy abbreviated, a GAN's figures as GAN papers write them. */
    private static final Map<String, String> LABELS = Map.of("accuracy", "acc", "loss_d", "D", "loss_g", "G",
            "d_real", "D(x)", "d_fake", "D(G(z))", "fid", "FID", "is", "IS", "class_entropy", "entropy");

    /** "loss 0.1234 acc 0.9000"; whole numbers (a count of classes) without decimals. */
    private static String figures(Map<String, Double> figures) {
        StringBuilder sb = new StringBuilder();
        figures.forEach((name, v) -> sb.append(sb.length() == 0 ? "" : " ")
                .append(LABELS.getOrDefault(name, name.replace('_', ' ')))
                .append(name.equals("classes") && v == Math.rint(v) ? String.format(Locale.ROOT, " %.0f", v)
                        : String.format(Locale.ROOT, " %.4f", v)));
        return sb.toString();
    }

    /** The figures of {@code metrics} whose names start with {@code prefix}, without it. */
    private static Map<String, Double> part(Map<String, Double> metrics, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** True when a progress bar can be drawn: a console, and {@code CI} not set. */
    public static boolean terminal() {
        String ci = System.getenv("CI");
        return System.console() != null && (ci == null || ci.isBlank() || ci.equalsIgnoreCase("false"));
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int samples) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.samples = samples;
        this.lastSamples = 0;
        this.nextPlainReport = samples / 4;
        if (interactive) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(samples).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200).setUnit(" " + unit, 1).setMaxRenderedLength(110)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).clearDisplayOnFinish().build();
        }
    }

    @Override
    public void batchDone(int samplesSoFar, Map<String, Double> running, double samplesPerSec) {
        String text = figures(running) + String.format(Locale.ROOT, " %,.0f %s/s", samplesPerSec, unit);
        if (bar != null) {
            bar.stepBy(samplesSoFar - lastSamples);
            bar.setExtraMessage(text);
        } else if (samplesSoFar >= nextPlainReport && samplesSoFar < samples) {
            err.printf(Locale.ROOT, "epoch %d/%d %5.1f%% %d/%d %s%n", epoch, epochs, 100.0 * samplesSoFar / samples,
                    samplesSoFar, samples, text);
            while (nextPlainReport <= samplesSoFar) { // a resumed epoch starts part-way through
                nextPlainReport += Math.max(1, samples / 4);
            }
        }
        lastSamples = samplesSoFar;
    }

    @Override
    public void epochDone(EpochStats s, int epochs) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        Map<String, Double> eval = part(s.metrics(), "eval_");
        out.printf(Locale.ROOT, "epoch %d/%d  lr %.2e  train %s  %s%.1fs  %,.0f %s/s%n", s.epoch(), epochs,
                s.learningRate(), figures(part(s.metrics(), "train_")), eval.isEmpty() ? ""
                        : (eval.containsKey("fid") ? "samples " : "test ") + figures(eval) + "  ",
                s.seconds(), s.samplesPerSec(), unit);
        out.flush();
    }

    /** Takes down the progress bar of an epoch that will not finish (the run stopped or failed mid-epoch). */
    public void stopped() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.flush();
    }

    @Override
    public void message(String text) {
        out.println(text);
        out.flush();
    }
}
