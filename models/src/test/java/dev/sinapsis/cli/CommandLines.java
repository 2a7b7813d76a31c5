package dev.sinapsis.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random command lines for the fuzz suite: a command (or none, or a wrong one), then options of
 * that command and of others, bogus options, with values drawn from valid, boundary and garbage
 * pools. Paths point into a temporary directory (never the user's cache); {@code data fetch}
 * always gets {@code --from}, so nothing is downloaded.
 */
final class CommandLines {
    private static final String[] INTS = {"0", "1", "-1", "2", "3", "8", "64", "2147483647", "2147483648",
        "-2147483648", "1e3", "abc", "", " 5", "0x10", "\u0663", "007", "+4"};
    private static final String[] DOUBLES = {"0", "1e-3", "0.05", "-1", "NaN", "Infinity", "-Infinity", "1e309",
        "0.5", "0.99", "1", "abc", "", "1,5", "0x1p3", "4.9e-324"};
    private static final String[] NAMES = {"adam", "adamw", "sgd", "ADAM", "adagrad", "none", "cosine", "step",
        "relu", "tanh", "sigmoid", "gelu", "elu", "leaky-relu", "swish", "", " ", "\u00e9", "x".repeat(300)};
    private static final String[] HIDDEN = {"4", "4,4", "2,2,2", "0", "-1,4", "100000", "4,,4", ",", "a", "8,8,8",
        "1,1,1", "4096", "513,8,8", "4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4", "2147483647"};
    private static final String[] BACKENDS = {"cpu", "CPU", " cpu", "tpu", "", "testgpu"};
    private static final String[][] OPTIONS = {
        {"--epochs", "int"}, {"--batch", "int"}, {"--lr", "double"}, {"--optimizer", "name"},
        {"--schedule", "name"}, {"--weight-decay", "double"}, {"--patience", "int"}, {"--seed", "int"},
        {"--data", "data"}, {"--cache", "cache"}, {"--hidden", "hidden"}, {"--activation", "name"},
        {"--dropout", "double"}, {"--train-limit", "int"}, {"--test-limit", "int"}, {"--out", "out"},
        {"--resume", "path"}, {"--backend", "backend"}, {"--from", "from"}, {"--help", ""}, {"-h", ""},
        {"--version", ""}, {"--epocs", "int"}, {"-x", ""}, {"--", ""}, {"--stop-after", "int"}};

    private static final String[][] TRAIN_OPTIONS = java.util.Arrays.copyOf(OPTIONS, 18);
    private static final String[][] EVAL_OPTIONS = {{"--data", "data"}, {"--cache", "cache"}, {"--backend", "backend"},
        {"--batch", "int"}, {"--test-limit", "int"}};
    private static final String[][] DATA_OPTIONS = {{"--from", "from"}, {"--cache", "cache"}};

    private final Path tmp;
    private final Path data;
    private final Path run;
    private final Path cache;
    private final SplittableRandom r;
    private final Path[] paths;
    private final String[] dataSources;
    private final String[] froms;

    CommandLines(Path tmp, Path data, Path run, SplittableRandom r) throws IOException {
        this.tmp = tmp;
        this.data = data;
        this.run = run;
        this.r = r;
        this.cache = Files.createDirectories(tmp.resolve("cache"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path argfile = Files.writeString(tmp.resolve("argfile"), "devices\n");
        Path tarball = Files.write(tmp.resolve("tarball.tgz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        this.paths = new Path[] {run, run.resolve("model.safetensors"), run.resolve("checkpoint.safetensors"),
            data, data.resolve("train-labels-idx1-ubyte"), empty, tmp.resolve("missing"), argfile, tarball};
        this.dataSources = new String[] {data.toString(), data.toString(), "mnist", "fashion-mnist", "embedded",
            empty.toString(), tmp.resolve("missing").toString(), "", "imdb"};
        this.froms = new String[] {tmp.resolve("missing").toString(), empty.toString(), tarball.toString(),
            data.toString(), argfile.toString()};
    }

    /** The next command line. */
    List<String> next() {
        List<String> a = new ArrayList<>();
        switch (r.nextInt(12)) {
            case 0, 1, 2, 3 -> {
                a.add("train");
                if (r.nextInt(4) > 0) {
                    a.add(pick(new String[] {"mlp", "cnn", "MLP", "resnet", ""}));
                }
            }
            case 4, 5, 6 -> {
                a.add("eval");
                if (r.nextInt(5) > 0) {
                    a.add(pick(paths).toString());
                }
            }
            case 7 -> a.add("devices");
            case 8 -> {
                a.add("data");
                a.add(pick(new String[] {"fetch", "list", "fetch", "lst"}));
                if (a.get(1).equals("fetch")) {
                    a.add(pick(new String[] {"mnist", "fashion-mnist", "imdb", "all", "cifar10"}));
                    a.add("--from");
                    a.add(pick(froms));
                }
                a.add("--cache");
                a.add(cache.toString());
            }
            case 9 -> a.add(pick(new String[] {"help", "--help", "--version", "trian", "", "-h"}));
            case 10 -> a.add("@" + paths[7]);
            default -> { } // no command at all
        }
        String[][] own = a.isEmpty() ? OPTIONS : switch (a.get(0)) {
            case "train" -> TRAIN_OPTIONS;
            case "eval" -> EVAL_OPTIONS;
            case "data" -> DATA_OPTIONS;
            default -> OPTIONS;
        };
        int options = r.nextInt(7);
        for (int i = 0; i < options; i++) {
            // mostly the command's own options, so that parsing succeeds and the values are judged
            String[] o = r.nextInt(5) > 0 ? own[r.nextInt(own.length)] : OPTIONS[r.nextInt(OPTIONS.length)];
            if (o[0].equals("--help") || o[0].equals("-h") || o[0].equals("--version")) {
                if (r.nextInt(4) > 0) {
                    continue; // mostly run the command rather than print its help
                }
            }
            a.add(o[0]);
            if (!o[1].isEmpty() && r.nextInt(20) > 0) {
                a.add(value(o[1]));
            }
        }
        if (a.contains("train") && !a.contains("--data") && r.nextInt(4) > 0) {
            a.add("--data");
            a.add(data.toString()); // mostly the tiny data: the embedded set takes longer to load
        }
        if (!a.contains("--cache")) {
            a.add("--cache");
            a.add(cache.toString());
        }
        return a;
    }

    private String value(String kind) {
        return switch (kind) {
            case "int" -> pick(INTS);
            case "double" -> pick(DOUBLES);
            case "name" -> pick(NAMES);
            case "hidden" -> pick(HIDDEN);
            case "backend" -> pick(BACKENDS);
            case "data" -> r.nextInt(10) == 0 ? "embedded" : pick(dataSources);
            case "cache" -> cache.toString();
            case "from" -> pick(froms);
            case "out" -> pick(new String[] {tmp.resolve("out").toString(), run.toString(), data.resolve("x").toString(),
                data.resolve("train-labels-idx1-ubyte").toString()});
            default -> pick(paths).toString();
        };
    }

    private <T> T pick(T[] options) {
        return options[r.nextInt(options.length)];
    }
}
