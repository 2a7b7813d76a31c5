/**
 * Evaluation metrics computed on the host from tensors or arrays: {@link dev.sinapsis.metrics.Accuracy}
 * (top-1 and top-k), {@link dev.sinapsis.metrics.ConfusionMatrix} with precision, recall and F1
 * (per class, macro, micro, weighted; scikit-learn semantics), its
 * {@link dev.sinapsis.metrics.ClassificationReport}, and {@link dev.sinapsis.metrics.RocAuc}.
 */
package dev.sinapsis.metrics;
