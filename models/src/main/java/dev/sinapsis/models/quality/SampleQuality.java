package dev.sinapsis.models.quality;

import dev.sinapsis.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality figures of one set of images, judged by a {@link FeatureClassifier}: the Fréchet
 * distance of their features to a reference fit (training images), the Inception Score, and the
 * class coverage.
 *
 * <pre>{@code
 * GaussianStats train = GaussianStats.of(classifier.run(trainImages).features());
 * SampleQuality q = SampleQuality.measure(classifier, samples, train);
 * }</pre>
 *
 * @param count          images measured
 * @param fid            squared Fréchet distance to the reference features
 * @param inceptionScore the classifier-based Inception Score
 * @param coverage       predicted classes and confidence (threshold {@link ClassCoverage#DEFAULT_THRESHOLD})
 */
public record SampleQuality(int count, double fid, double inceptionScore, ClassCoverage coverage) {
    /** Measures {@code images} {@code [N, 1, 28, 28]} in [0, 1] (N at least 2). */
    public static SampleQuality measure(FeatureClassifier classifier, Tensor images, GaussianStats reference) {
        FeatureClassifier.Outputs o = classifier.run(images);
        return of(o, reference);
    }

    /** The figures of classifier outputs already computed. */
    public static SampleQuality of(FeatureClassifier.Outputs outputs, GaussianStats reference) {
        return new SampleQuality(outputs.features().length,
                FrechetDistance.between(reference, GaussianStats.of(outputs.features())),
                InceptionScore.of(outputs.probabilities()),
                ClassCoverage.of(outputs.probabilities(), ClassCoverage.DEFAULT_THRESHOLD));
    }

    /** The share of images labelled with p above 0.9. */
    public double confidentFraction() {
        return coverage.confidentFraction();
    }

    /** Classes present among the images. */
    public int classesPresent() {
        return coverage.present();
    }

    /** Entropy (nats) of the predicted-class histogram. */
    public double classEntropy() {
        return coverage.entropy();
    }

    /** The figures as named values ({@code prefix} + fid, is, confident, classes, class_entropy) for CSV and JSON. */
    public Map<String, Object> toMap(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "fid", round(fid, 4));
        m.put(prefix + "is", round(inceptionScore, 4));
        m.put(prefix + "confident", round(confidentFraction(), 4));
        m.put(prefix + "classes", classesPresent());
        m.put(prefix + "class_entropy", round(classEntropy(), 4));
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** One line: {@code FID 3.21  IS 9.41  confident 93.5%  classes 10/10 (entropy 2.29)}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "FID %.2f  IS %.2f  confident %.1f%%  classes %d/%d (entropy %.2f)",
                fid, inceptionScore, 100 * confidentFraction(), classesPresent(), coverage.classes(), classEntropy());
    }
}
