/**
 * Numbers for the quality of generated images, computed on the host in F64 from the outputs of a
 * classifier: the {@link dev.sinapsis.models.quality.FrechetDistance} between Gaussian fits
 * ({@link dev.sinapsis.models.quality.GaussianStats}) of its penultimate-layer features ("FID" on
 * the project's own MNIST / Fashion-MNIST classifier rather than Inception), the classifier-based
 * {@link dev.sinapsis.models.quality.InceptionScore}, and the
 * {@link dev.sinapsis.models.quality.ClassCoverage} of its predictions (confident fraction, classes
 * present, entropy of the predicted-class histogram), which expose mode collapse.
 * {@link dev.sinapsis.models.quality.FeatureClassifier} is that classifier, shipped in the jar, and
 * {@link dev.sinapsis.models.quality.SampleQuality} measures a batch of images with it.
 */
package dev.sinapsis.models.quality;
