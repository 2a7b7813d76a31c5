package dev.sinapsis.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The Spark context of a training run: settings for a quiet, UI-less driver. */
public final class SparkContexts {
    /** {@code local[N]} or {@code local[*]}, without a failure count. */
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)]");
    /** Attempts per task in local mode, as {@code spark.task.maxFailures} gives a cluster. */
    static final int LOCAL_ATTEMPTS = 4;

    private SparkContexts() {
    }

    /**
     * The master URL actually used: {@code local[N]} becomes {@code local[N,4]}, because Spark
     * gives a local master a single attempt per task, while a cluster retries a failed task
     * ({@code spark.task.maxFailures}, 4 by default); other URLs are kept.
     */
    public static String master(String master) {
        Matcher m = LOCAL.matcher(master.trim());
        return m.matches() ? "local[" + m.group(1) + "," + LOCAL_ATTEMPTS + "]" : master.trim();
    }

    /** A new context for {@code master} (see {@link #master(String)}), without the web UI. */
    public static JavaSparkContext start(String master, String appName) {
        SparkConf conf = new SparkConf().setMaster(master(master)).setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // a local driver talks to itself: no hostname lookup, no port on an outside interface
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }
}
