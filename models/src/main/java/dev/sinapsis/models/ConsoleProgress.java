package dev.sinapsis.models;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on a console: a progress bar per epoch (loss, accuracy, samples/s) on
 * {@code err} when it is a terminal, plain progress lines otherwise (no terminal, or {@code CI}
 * set), and one line per finished epoch on {@code out}.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private ProgressBar bar;
    private int epoch;
    private int epochs;
    private int samples;
    private int nextPlainReport;
    private long lastSamples;

    /** A listener writing to {@code out} and {@code err}; {@code interactive} chooses the progress bar. */
    public ConsoleProgress(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
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
                    .setUpdateIntervalMillis(200).setUnit(" img", 1).setMaxRenderedLength(110)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).clearDisplayOnFinish().build();
        }
    }

    @Override
    public void batchDone(int samplesSoFar, double meanLoss, double accuracy, double samplesPerSec) {
        String text = String.format(Locale.ROOT, "loss %.4f acc %.4f %,.0f img/s", meanLoss, accuracy, samplesPerSec);
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
        out.printf(Locale.ROOT, "epoch %d/%d  lr %.2e  train loss %.4f acc %.4f  test loss %.4f acc %.4f  %.1fs  %,.0f img/s%n",
                s.epoch(), epochs, s.learningRate(), s.trainLoss(), s.trainAccuracy(), s.evalLoss(), s.evalAccuracy(),
                s.seconds(), s.samplesPerSec());
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
