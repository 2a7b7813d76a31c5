package dev.sinapsis.bench;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BinaryOp;
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
 * Memory-bound elementwise add {@code out = a + b} of {@code n} F32 values (default 16M =
 * 16,777,216) through {@link Backend#binary}, on contiguous views allocated once per trial.
 *
 * <p>The primary score is adds per second. Each op reads {@code a} and {@code b} and writes
 * {@code out}: {@code 3 * 4 * n} bytes (201 MB for 16M floats), so
 * {@code GB/s = ops/s * 12 * n / 1e9}. The secondary result {@code add:gbytes} is that number
 * already: an {@link AuxCounters} counter adding {@code 12 n / 1e9} per call, reported per second
 * (read its "ops/s" unit as GB/s). Write-allocate traffic on {@code out} is not counted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Threads(1)
public class ElementwiseBenchmark {

    @Param({"16777216"})
    public int n;

    private Operands operands;
    private Backend backend;
    private View a;
    private View b;
    private View out;
    private double gbytesPerCall;

    /** GB moved, reported by JMH per second: the {@code gbytes} secondary result is GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public double gbytes;

        @Setup(Level.Iteration)
        public void reset() {
            gbytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = Impl.JAVA.newBackend();
        operands = new Operands(backend, 7);
        a = operands.random(n);
        b = operands.random(n);
        out = operands.output(n);
        gbytesPerCall = 3.0 * Float.BYTES * n / 1e9;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        operands.close();
    }

    @Benchmark
    public void add(Bytes bytes) {
        backend.binary(BinaryOp.ADD, out, a, b);
        bytes.gbytes += gbytesPerCall;
    }
}
