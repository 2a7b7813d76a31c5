/**
 * The OpenCL backend (JOCL). {@link dev.sinapsis.backend.opencl.OpenClBackend} is a facade over
 * a runtime (context, in-order queue, compiled kernels and the launch builder that checks every
 * argument against the kernel's declared signature) and one class per op family, as the CPU
 * backend is organised. Device memory comes from core's
 * {@link dev.sinapsis.backend.memory.CachingAllocator}; strided operands are walked over core's
 * {@link dev.sinapsis.backend.layout.CoalescedAxes}.
 */
package dev.sinapsis.backend.opencl;
