/**
 * Learning-rate schedules with PyTorch's epoch semantics: construction sets epoch 0's rate, each
 * {@link dev.sinapsis.optim.schedule.LrScheduler#step()} advances one epoch and writes the new rate
 * into the optimizer's groups.
 *
 * <pre>{@code
 * LrScheduler schedule = new LinearWarmup(opt, 5, 0.1, new CosineAnnealingLR(opt, 95, 1e-5));
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     trainOneEpoch(opt);
 *     schedule.step();
 * }
 * }</pre>
 */
package dev.sinapsis.optim.schedule;
