package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.View;
import dev.sinapsis.kernels.Kernels;

/**
 * Counter-based random fills ({@code philox.c}): element {@code i} comes from Philox4x32-10 at
 * counter {@code offset + i}, bit for bit what the CPU backend computes (in double where the
 * device has it).
 */
final class CudaRandom {
    private final CudaRuntime runtime;
    private final CudaStorages storages;

    CudaRandom(CudaRuntime runtime, CudaStorages storages) {
        this.runtime = runtime;
        this.storages = storages;
    }

    void random(Distribution distribution, View out, long seed, long offset, double a, double b) {
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("random: the output must be contiguous");
        }
        int n = out.numel();
        if (n == 0) {
            return;
        }
        boolean fp64 = true;
        KernelLaunch l = runtime.launch(Kernels.random(fp64), Kernels.randomName(distribution, out.dtype()))
                .buffer(storages.of(out)).i(out.offset()).i(n).l(seed).l(offset);
        // real bounds in the kernel's REAL (double when the device has it), integer bounds as longs
        if (fp64) {
            l.d(a).d(b);
        } else {
            l.f((float) a).f((float) b);
        }
        l.l((long) a).l((long) b).runPerElement(n);
    }
}
