package dev.sinapsis.bench;

import dev.sinapsis.backend.BinaryOp;
import dev.sinapsis.backend.ReduceOp;
import dev.sinapsis.backend.View;
import dev.sinapsis.backend.opencl.OpenClBackend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OpenCL kernels on the default device ({@code -Dsinapsis.opencl.device}): square F32 GEMM with
 * the tiled kernel and with CLBlast, elementwise add and a full sum of {@code n} elements. Every
 * call waits for the device ({@code finish}), so the score is completed work per second. {@code vec}
 * is the elementwise vector width ({@code add} runs the {@code VEC}-wide contiguous kernel). GFLOP/s of
 * a GEMM: {@code ops/s * 2 * size^3 / 1e9}. Fails in setup when OpenCL is unavailable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class OpenClBenchmark {
    @Param({"256", "512", "1024"})
    public int size;

    @Param({"TILED", "CLBLAST"})
    public OpenClBackend.GemmMode gemm;

    /** Elements per work-item of the contiguous elementwise kernels ({@code -p vec=1,2,4,8} to compare). */
    @Param({"" + OpenClBackend.DEFAULT_VEC})
    public int vec;

    private OpenClBackend backend;
    private Operands operands;
    private View a;
    private View b;
    private View c;
    private View x;
    private View y;
    private View sum;
    private View scalar;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new OpenClBackend(gemm, vec);
        operands = new Operands(backend, 42);
        a = operands.random(size, size);
        b = operands.random(size, size);
        c = operands.output(size, size);
        int n = size * size * 4; // elementwise and reduction over 4 * size^2 elements
        x = operands.random(n);
        y = operands.random(n);
        sum = operands.output(n);
        scalar = operands.output();
        backend.matmul(c, a, b); // compile before timing
        backend.binary(BinaryOp.ADD, sum, x, y);
        backend.reduce(ReduceOp.SUM, scalar, x);
        backend.finish();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        operands.close();
    }

    @Benchmark
    public void gemm() {
        backend.matmul(c, a, b);
        backend.finish();
    }

    @Benchmark
    public void add() {
        backend.binary(BinaryOp.ADD, sum, x, y);
        backend.finish();
    }

    @Benchmark
    public void sum() {
        backend.reduce(ReduceOp.SUM, scalar, x);
        backend.finish();
    }
}
