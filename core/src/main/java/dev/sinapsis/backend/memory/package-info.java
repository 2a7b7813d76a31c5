/**
 * Device-neutral memory management for device backends: {@link dev.sinapsis.backend.memory.CachingAllocator}
 * keeps freed buffers in size-class free lists and hands them out again, over a backend's
 * {@link dev.sinapsis.backend.memory.DeviceAllocator} (the driver calls). Its counters are the
 * backend's {@link dev.sinapsis.backend.MemoryStats}; when the device is full even after the cache
 * is released, it throws {@link dev.sinapsis.backend.memory.DeviceMemoryException}.
 */
package dev.sinapsis.backend.memory;
