package dev.sinapsis.examples.som;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.examples.Example;
import dev.sinapsis.examples.ExampleOptions;
import dev.sinapsis.examples.ExamplePictures;
import dev.sinapsis.examples.ExamplePictures.Series;
import dev.sinapsis.examples.ExampleSummary;
import dev.sinapsis.examples.MnistSubset;
import dev.sinapsis.models.ConfigException;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code sinapsis run som}: Kohonen maps trained on {@value #COLOURS} random colours (a
 * {@value #COLOUR_SIDE}x{@value #COLOUR_SIDE} map) and on {@value #DIGITS} MNIST digits (a
 * {@value #DIGIT_SIDE}x{@value #DIGIT_SIDE} map), both starting from random prototypes; the
 * quantisation and topographic errors are reported before training and after every epoch.
 * {@code --epochs} sets the epochs of both.
 */
public final class SomExample implements Example {
    /** Random colours trained on. */
    public static final int COLOURS = 2000;
    /** Side of the colour map. */
    public static final int COLOUR_SIDE = 20;
    /** MNIST training images trained on. */
    public static final int DIGITS = 3000;
    /** Side of the digit map. */
    public static final int DIGIT_SIDE = 10;
    /** The colour map's schedule. */
    public static final SomTraining COLOUR_TRAINING = new SomTraining(20, 20, 0.5, 0.02, COLOUR_SIDE / 2.0, 0.7);
    /** The digit map's schedule. */
    public static final SomTraining DIGIT_TRAINING = new SomTraining(10, 32, 0.5, 0.02, DIGIT_SIDE / 2.0, 0.7);

    /** Half-width of the noise of the initial prototypes around the data's mean. */
    public static final double INIT_NOISE = 0.1;

    @Override
    public String name() {
        return "som";
    }

    @Override
    public String summary() {
        return "ch. 9: Kohonen self-organising maps of colours and of MNIST digits (quantisation and topographic error)";
    }

    @Override
    public Map<String, Object> run(ExampleOptions options, PrintStream out) throws IOException {
        Integer epochs = options.epochs();
        if (epochs != null && (epochs < 1 || epochs > 1000)) {
            throw new ConfigException("--epochs must be in [1, 1000], got " + epochs);
        }
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(options.seed());
        Generator gen = new Generator(options.seed());
        String backend = Backends.current().name();
        ExampleSummary summary = new ExampleSummary(name(), options, backend);
        out.printf(Locale.ROOT, "Self-organising maps on backend %s, seed %d%n", backend, options.seed());

        SomTraining colourTraining = epochs == null ? COLOUR_TRAINING : COLOUR_TRAINING.withEpochs(epochs);
        float[] colours = new float[COLOURS * 3];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = (float) rng.nextDouble();
        }
        List<SelfOrganizingMap.Errors> colourErrors;
        float[] colourMap;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor data = Tensor.of(colours, COLOURS, 3);
            SelfOrganizingMap map = new SelfOrganizingMap(COLOUR_SIDE, COLOUR_SIDE, initial(data, COLOUR_SIDE, gen));
            out.printf(Locale.ROOT, "%nColours: %d random RGB colours, a %dx%d map, %d epochs%n", COLOURS, COLOUR_SIDE,
                    COLOUR_SIDE, colourTraining.epochs());
            colourErrors = train(map, data, colourTraining, rng, out);
            colourMap = map.weights().toFloatArray();
        }
        ExamplePictures.imageGrid(options.out().resolve("colour-map.png"), new ExamplePictures.Grid(
                        "SOM of " + COLOURS + " random colours (" + COLOUR_SIDE + "x" + COLOUR_SIDE + " units, "
                                + colourTraining.epochs() + " epochs)", COLOUR_SIDE, COLOUR_SIDE, 1, 1, 18, 0,
                        "map column", "map row", null, null),
                (r, c, y, x) -> {
                    int k = (r * COLOUR_SIDE + c) * 3;
                    return ExamplePictures.rgb(colourMap[k], colourMap[k + 1], colourMap[k + 2]);
                });

        SomTraining digitTraining = epochs == null ? DIGIT_TRAINING : DIGIT_TRAINING.withEpochs(epochs);
        MnistSubset digits = MnistSubset.embedded(true, DIGITS);
        List<SelfOrganizingMap.Errors> digitErrors;
        float[] prototypes;
        long[] units;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor data = digits.tensor();
            SelfOrganizingMap map = new SelfOrganizingMap(DIGIT_SIDE, DIGIT_SIDE, initial(data, DIGIT_SIDE, gen));
            out.printf(Locale.ROOT, "%nMNIST: %d training digits (embedded subset), a %dx%d map, %d epochs%n", DIGITS,
                    DIGIT_SIDE, DIGIT_SIDE, digitTraining.epochs());
            digitErrors = train(map, data, digitTraining, rng, out);
            prototypes = map.weights().toFloatArray();
            units = map.bestUnits(data);
        }
        int[] majority = Clusters.majorityLabels(units, digits.labels(), DIGIT_SIDE * DIGIT_SIDE);
        double unitPurity = Clusters.purity(units, digits.labels(), DIGIT_SIDE * DIGIT_SIDE);
        out.printf(Locale.ROOT, "Each unit's majority digit agrees with %.1f%% of the digits it wins%n", 100 * unitPurity);
        int side = digits.side();
        List<String> colLabels = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        for (int i = 0; i < DIGIT_SIDE; i++) {
            colLabels.add(Integer.toString(i));
            rowLabels.add(Integer.toString(i));
        }
        ExamplePictures.imageGrid(options.out().resolve("mnist-map.png"), new ExamplePictures.Grid(
                        "SOM prototypes of " + DIGITS + " MNIST digits (" + DIGIT_SIDE + "x" + DIGIT_SIDE + " units)",
                        DIGIT_SIDE, DIGIT_SIDE, side, side, 2, 2, "map column", "map row", colLabels, rowLabels),
                (r, c, y, x) -> ExamplePictures.grey(prototypes[(r * DIGIT_SIDE + c) * side * side + y * side + x], 0, 1));
        errorsPicture(options, colourErrors, digitErrors);

        SelfOrganizingMap.Errors c0 = colourErrors.get(0);
        SelfOrganizingMap.Errors c1 = colourErrors.get(colourErrors.size() - 1);
        SelfOrganizingMap.Errors d0 = digitErrors.get(0);
        SelfOrganizingMap.Errors d1 = digitErrors.get(digitErrors.size() - 1);
        out.printf(Locale.ROOT, "%nQuantisation error: colours %.4f -> %.4f, digits %.3f -> %.3f%n", c0.quantisation(),
                c1.quantisation(), d0.quantisation(), d1.quantisation());
        out.printf(Locale.ROOT, "Topographic error:  colours %.4f -> %.4f, digits %.3f -> %.3f%n", c0.topographic(),
                c1.topographic(), d0.topographic(), d1.topographic());
        summary.put("colours", COLOURS).put("colour_map", COLOUR_SIDE + "x" + COLOUR_SIDE)
                .put("colour_epochs", colourTraining.epochs())
                .rounded("colour_quantisation_error", colourErrors.stream().map(SelfOrganizingMap.Errors::quantisation).toList())
                .rounded("colour_topographic_error", colourErrors.stream().map(SelfOrganizingMap.Errors::topographic).toList())
                .put("digits", DIGITS).put("digit_map", DIGIT_SIDE + "x" + DIGIT_SIDE)
                .put("digit_epochs", digitTraining.epochs())
                .rounded("digit_quantisation_error", digitErrors.stream().map(SelfOrganizingMap.Errors::quantisation).toList())
                .rounded("digit_topographic_error", digitErrors.stream().map(SelfOrganizingMap.Errors::topographic).toList())
                .round("digit_unit_purity", unitPurity)
                .put("digit_unit_labels", java.util.Arrays.stream(majority).boxed().toList());
        return summary.write(options, start, List.of("colour-map.png", "mnist-map.png", "errors.png"), out);
    }

    /**
     * Kohonen's start: small random prototypes, here the data's mean plus uniform noise in
     * [-{@value #INIT_NOISE}, {@value #INIT_NOISE}] per component, so the map starts unordered.
     */
    static Tensor initial(Tensor data, int side, Generator gen) {
        return data.mean(0).unsqueeze(0).add(Tensor.rand(gen, side * side, data.dim(1)).sub(0.5).mul(2 * INIT_NOISE));
    }

    private static List<SelfOrganizingMap.Errors> train(SelfOrganizingMap map, Tensor data, SomTraining training,
                                                        SplittableRandom rng, PrintStream out) {
        int[] epoch = {0};
        return training.train(map, data, rng, e -> {
            epoch[0]++;
            if (epoch[0] == 1 || epoch[0] % 5 == 0 || epoch[0] == training.epochs()) {
                out.printf(Locale.ROOT, "epoch %2d  quantisation error %.4f  topographic error %.4f%n", epoch[0],
                        e.quantisation(), e.topographic());
            }
        });
    }

    private static void errorsPicture(ExampleOptions options, List<SelfOrganizingMap.Errors> colours,
                                      List<SelfOrganizingMap.Errors> digits) throws IOException {
        ExamplePictures.xyChart(options.out().resolve("errors.png"), "SOM training: errors before training (epoch 0) and after each epoch",
                "epoch", "topographic error; quantisation error / its initial value", List.of(
                        curve("colours: quantisation error / initial", colours, true),
                        curve("colours: topographic error", colours, false),
                        curve("MNIST: quantisation error / initial", digits, true),
                        curve("MNIST: topographic error", digits, false)));
    }

    private static Series curve(String name, List<SelfOrganizingMap.Errors> errors, boolean quantisation) {
        double[] x = new double[errors.size()];
        double[] y = new double[errors.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = quantisation ? errors.get(i).quantisation() / errors.get(0).quantisation() : errors.get(i).topographic();
        }
        return new Series(name, x, y);
    }
}
