/**
 * Small programs that use Sinapsis as a library, each run by a test that checks what it prints:
 * {@link dev.sinapsis.examples.api.TensorsAndAutograd}, {@link dev.sinapsis.examples.api.CustomModuleTraining},
 * {@link dev.sinapsis.examples.api.LoadPyTorchWeights}, {@link dev.sinapsis.examples.api.BackendsAndMemory},
 * {@link dev.sinapsis.examples.api.CustomOp}, {@link dev.sinapsis.examples.api.TrainZooModel} and the README's
 * {@link dev.sinapsis.examples.api.Xor}. Run one with
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.sinapsis.examples.api.NAME}.
 */
package dev.sinapsis.examples.api;
