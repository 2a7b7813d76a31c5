/**
 * Optimizers, gradient clipping, regularisation penalties and early stopping, with PyTorch 1.13
 * semantics and defaults.
 *
 * <p>Every optimizer updates its parameters in place (under {@link dev.sinapsis.autograd.Autograd#noGrad()})
 * so references held by modules stay valid; the update formulas are exactly PyTorch's single-tensor
 * ones, so a run with the same initial weights and data reproduces PyTorch's numbers.
 *
 * <pre>{@code
 * Optimizer opt = Adam.builder(model.parameters()).lr(1e-3).build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     opt.zeroGrad();
 *     Tensor loss = model.forward(x).sub(y).square().mean();
 *     loss.backward();
 *     GradClip.clipGradNorm(model.parameters(), 1.0);
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>Learning-rate schedules live in {@link dev.sinapsis.optim.schedule}.
 */
package dev.sinapsis.optim;
