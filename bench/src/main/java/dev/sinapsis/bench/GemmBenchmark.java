package dev.sinapsis.bench;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.View;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square F32 matrix multiply {@code C = A * B} ({@code size x size}) through
 * {@link Backend#matmul}, on views allocated once per trial.
 *
 * <p>The primary score is GEMMs per second. One GEMM of size {@code n} is {@code 2 n^3}
 * floating-point operations, so {@code GFLOP/s = ops/s * 2 * n^3 / 1e9}; e.g. 10 ops/s at
 * n = 1024 is 21.5 GFLOP/s. The secondary result {@code matmul:gflop} does this for you: an
 * {@link AuxCounters} counter that adds {@code 2 n^3 / 1e9} per call, which JMH reports per second,
 * i.e. directly in GFLOP/s (read its "ops/s" unit as GFLOP/s).
 *
 * <p>{@code mode=JAVA} is the pure-Java kernel ({@code Nd4jMode.OFF}); {@code mode=ND4J} forces
 * the ND4J/OpenBLAS path ({@code Nd4jMode.ON}); if ND4J cannot load, that combination fails in
 * setup and JMH goes on with the others. Threads: {@code -jvmArgsAppend -Dsinapsis.cpu.threads=N}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Threads(1)
public class GemmBenchmark {

    @Param({"256", "512", "1024", "2048"})
    public int size;

    @Param({"JAVA", "ND4J"})
    public Impl mode;

    private Operands operands;
    private Backend backend;
    private View a;
    private View b;
    private View out;
    private double gflopPerCall;

    /** GFLOP done, reported by JMH per second: the {@code gflop} secondary result is GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;

        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = mode.newBackend();
        operands = new Operands(backend, 42);
        a = operands.random(size, size);
        b = operands.random(size, size);
        out = operands.output(size, size);
        gflopPerCall = 2.0 * size * size * (double) size / 1e9;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        operands.close();
    }

    @Benchmark
    public void matmul(Flops flops) {
        backend.matmul(out, a, b);
        flops.gflop += gflopPerCall;
    }
}
