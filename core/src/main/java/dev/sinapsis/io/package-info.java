/**
 * Checkpoint I/O: the safetensors format ({@link dev.sinapsis.io.SafeTensors}) and module
 * checkpoints on top of it ({@link dev.sinapsis.io.Checkpoints}). Malformed files raise a
 * {@link dev.sinapsis.io.CheckpointException} naming the file and the problem.
 */
package dev.sinapsis.io;
