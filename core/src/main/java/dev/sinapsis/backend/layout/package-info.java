/**
 * Device-neutral layout arithmetic shared by the backends: {@link dev.sinapsis.backend.layout.CoalescedAxes}
 * reduces the axes of strided operands of one shape to the fewest a loop or kernel must walk.
 */
package dev.sinapsis.backend.layout;
