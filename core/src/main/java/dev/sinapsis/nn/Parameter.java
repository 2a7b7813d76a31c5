package dev.sinapsis.nn;

import dev.sinapsis.tensor.Tensor;

/**
 * A module's trainable tensor with its dotted name (e.g. {@code "fc1.weight"}), as returned by
 * {@link Module#namedParameters()}. The tensor is a leaf that requires grad; optimizers update
 * it in place, so references held elsewhere stay valid.
 *
 * @param name  dotted path from the root module
 * @param value the leaf tensor
 */
public record Parameter(String name, Tensor value) {
}
