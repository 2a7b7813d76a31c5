package dev.sinapsis.models.quality;

import dev.sinapsis.data.Dataset;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;

/**
 * What generated images are judged against: a {@link FeatureClassifier}, the Gaussian fit of its
 * features on (up to {@value #TRAIN_IMAGES}) training images, and the same figures for as many
 * real test images as samples are judged, so a user sees what "good" means next to a model's
 * numbers (the FID of real test images against training images is not 0: it is the floor that
 * sample count and the train/test difference allow).
 *
 * <pre>{@code
 * QualityReference ref = QualityReference.of(FeatureClassifier.load("mnist"), train, test, 1000);
 * SampleQuality q = ref.judge(samples);   // [N, 1, 28, 28] in [0, 1]
 * ref.realTest();                          // the real test images' figures
 * }</pre>
 *
 * @param classifier the judge
 * @param train      the fit of the training images' features
 * @param trainCount training images fitted
 * @param realTest   the figures of the first {@code samples} test images
 */
public record QualityReference(FeatureClassifier classifier, GaussianStats train, int trainCount,
                               SampleQuality realTest) {
    /** Training images whose features make the reference fit. */
    public static final int TRAIN_IMAGES = 10_000;

    /**
     * Fits the first {@value #TRAIN_IMAGES} images of {@code train} and judges the first
     * {@code samples} of {@code test}.
     */
    public static QualityReference of(FeatureClassifier classifier, Dataset train, Dataset test, int samples) {
        int n = Math.min(TRAIN_IMAGES, train.size());
        GaussianStats fit = GaussianStats.of(classifier.run(images(train, n)).features());
        SampleQuality real = SampleQuality.measure(classifier, images(test, Math.min(samples, test.size())), fit);
        return new QualityReference(classifier, fit, n, real);
    }

    /** The figures of {@code images} {@code [N, 1, 28, 28]} in [0, 1]. */
    public SampleQuality judge(Tensor images) {
        return SampleQuality.measure(classifier, images, train);
    }

    /** The first {@code n} inputs of {@code d} as one F32 tensor {@code [n, ...inputShape]}. */
    public static Tensor images(Dataset d, int n) {
        int per = d.inputShape().numel();
        int[] shape = new int[d.inputShape().rank() + 1];
        shape[0] = n;
        System.arraycopy(d.inputShape().toArray(), 0, shape, 1, shape.length - 1);
        if (d.inputType() == DType.F32) {
            float[] buf = new float[n * per];
            for (int i = 0; i < n; i++) {
                d.copyInput(i, buf, i * per);
            }
            return Tensor.of(buf, shape);
        }
        if (d.inputType() == DType.F64) {
            double[] buf = new double[n * per];
            for (int i = 0; i < n; i++) {
                d.copyInput(i, buf, i * per);
            }
            return Tensor.of(buf, shape).to(DType.F32);
        }
        throw new IllegalArgumentException("QualityReference: images must be F32 or F64, the data holds "
                + d.inputType());
    }
}
