/**
 * Convolutional autoencoders for 28 x 28 images, the course's unpooling example:
 * {@link dev.sinapsis.models.autoencoder.ConvAutoencoder} with a decoder that either unpools with
 * the encoder's max-pooling indices or upsamples with transposed convolutions, and the
 * {@link dev.sinapsis.models.autoencoder.Reconstruction} figures (MSE, PSNR) and Gaussian input
 * noise for denoising.
 */
package dev.sinapsis.models.autoencoder;
