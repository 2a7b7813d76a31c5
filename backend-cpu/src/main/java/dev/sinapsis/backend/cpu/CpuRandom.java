package dev.sinapsis.backend.cpu;

import dev.sinapsis.backend.Distribution;
import dev.sinapsis.backend.View;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Philox;

/** Random fills: element {@code i} is Philox's value for counter {@code offset + i}, so any split is exact. */
final class CpuRandom {
    private CpuRandom() {
    }

    static void random(Distribution d, View out, long seed, long offset, double a, double b) {
        if (!out.isContiguous()) {
            throw new IllegalArgumentException("random: the output must be contiguous");
        }
        Object dst = CpuStorage.of(out.storage()).array();
        DType t = out.dtype();
        boolean f32 = t == DType.F32;
        int base = out.offset();
        Parallel.forRange(out.numel(), 40, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (d == Distribution.RANDINT && !t.isFloating()) {
                    Elements.setLong(dst, t, base + i, Philox.randint(seed, offset + i, (long) a, (long) b));
                } else {
                    Elements.setDouble(dst, t, base + i, Philox.sample(d, seed, offset + i, a, b, f32));
                }
            }
        });
    }
}
