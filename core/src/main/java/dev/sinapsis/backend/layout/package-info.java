/**
 * Device-neutral layout arithmetic shared by the backends: {@link dev.sinapsis.backend.layout.CoalescedAxes}
 * reduces the axes of strided operands of one shape to the fewest a loop or kernel must walk;
 * {@link dev.sinapsis.backend.layout.ChannelRuns} reads a contiguous {@code [N, C, S...]} tensor as
 * runs of each channel's values (batch normalisation's layout) and checks its operands.
 */
package dev.sinapsis.backend.layout;
