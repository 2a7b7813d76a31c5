package dev.sinapsis.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one step (sync) or one round of local steps (average).
 *
 * @param runId      the run (executors cache one task per run and partition)
 * @param step       steps taken before this one
 * @param epoch      the 1-based epoch
 * @param batches    the global batches' example indices: one for sync, the round's for average
 * @param state      the modules' parameters and buffers, as safetensors bytes ({@code MODULE.NAME})
 * @param optimizers the optimizers' state as safetensors bytes ({@code OPTIMIZER.KEY}); average mode only, else null
 */
record StepRequest(String runId, long step, int epoch, int[][] batches, byte[] state, byte[] optimizers)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
