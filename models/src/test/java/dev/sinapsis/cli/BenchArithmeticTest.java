package dev.sinapsis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.backend.Backends;
import dev.sinapsis.nn.functional.Convolutions;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Shape;
import dev.sinapsis.tensor.Tensor;
import java.util.Optional;
import java.util.OptionalDouble;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The sizes, FLOP and byte counts, peak formulas and median of {@code sinapsis bench}, on injected inputs. */
class BenchArithmeticTest {
    private static final double EPS = 1e-9;

    @Test
    void gemmFlopsAre2mkn() {
        assertEquals(2.0 * 128 * 784 * 256, BenchOp.GEMM.parse("128x784x256").flops(), EPS);
        BenchSize square = BenchOp.GEMM.parse("512");
        assertEquals(2.0 * 512 * 512 * 512, square.flops(), EPS);
        assertEquals("512", square.label());
        assertEquals(0, square.bytes(4), EPS);
    }

    @Test
    void conv2dFlopsCountEveryMultiplyAddOfTheForwardPass() {
        // N=2, C=3, 5x7 image, 4 filters of 3x3, stride 2, padding 1: output 3x4
        BenchSize s = BenchOp.CONV2D.parse("2x3x5x7:4x3:s2:p1");
        assertEquals(3, s.outSide(5));
        assertEquals(4, s.outSide(7));
        assertEquals(2.0 * 2 * 4 * 3 * 4 * 3 * 3 * 3, s.flops(), EPS);
        assertEquals("2x3x5x7:4x3:s2:p1", s.label());
        // with the backward: the input and weight gradients are products of the same size
        assertEquals(3 * s.flops(), s.withBackward().flops(), EPS);
        assertEquals("conv2d-backward", s.withBackward().peerOp());
        assertEquals("conv2d", s.peerOp());
        assertTrue(s.withBackward().display().endsWith(" +bwd"), s.withBackward().display());
        // default padding K/2, stride 1: "same" for odd kernels
        BenchSize same = BenchOp.CONV2D.parse("1x2x9x9:3x5");
        assertEquals("1x2x9x9:3x5:s1:p2", same.label());
        assertEquals(9, same.outSide(9));
    }

    @Test
    void conv2dOutputSidesMatchTheConvolutionItself() {
        BenchSize s = BenchOp.CONV2D.parse("1x2x6x9:3x4:s3:p1");
        int[] d = s.dims();
        try (MemoryScope scope = MemoryScope.open(); var using = Backends.using(Backends.get("cpu"))) {
            Generator g = new Generator(1);
            Tensor y = Convolutions.conv2d(Tensor.uniform(g, Shape.of(d[0], d[1], d[2], d[3]), DType.F32, -1, 1),
                    Tensor.uniform(g, Shape.of(d[4], d[1], d[5], d[5]), DType.F32, -1, 1), null, d[6], d[7], 1);
            assertEquals(s.outSide(d[2]), y.dim(2));
            assertEquals(s.outSide(d[3]), y.dim(3));
        }
    }

    @Test
    void bytesCountTheLeastTraffic() {
        BenchSize add = BenchOp.ELEMENTWISE.parse("16M");
        assertEquals(16 << 20, add.dims()[0]);
        assertEquals(3.0 * 4 * (16 << 20), add.bytes(4), EPS);
        assertEquals(3.0 * 8 * 1000, BenchOp.ELEMENTWISE.parse("1000").bytes(8), EPS);
        assertEquals(2048, BenchOp.ELEMENTWISE.parse("2k").dims()[0]);
        assertEquals(2.0 * 4 * 300 * 1000, BenchOp.SOFTMAX.parse("300x1000").bytes(4), EPS);
        assertEquals(0, BenchOp.SOFTMAX.parse("300x1000").flops(), EPS);
    }

    @Test
    void trainSizesAreModelsWithTheirBatch() {
        BenchSize cnn = BenchOp.TRAIN.parse("cnn");
        assertEquals("cnn", cnn.model());
        assertEquals(128, cnn.samples());
        assertEquals(256, BenchOp.TRAIN.parse("cnn-infer").samples());
        BenchSize mlp = BenchOp.TRAIN.parse("mlp:32");
        assertEquals("mlp:32", mlp.label());
        assertEquals("mlp b32", mlp.display());
    }

    @Test
    void badSizesSayTheSyntax() {
        for (String bad : new String[] {"0", "12x", "axb", "2x3", "-4"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOp.GEMM.parse(bad));
            assertTrue(e.getMessage().contains("MxKxN"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> BenchOp.CONV2D.parse("1x2x3:4x3"));
        assertThrows(IllegalArgumentException.class, () -> BenchOp.CONV2D.parse("1x2x3x3:4x3:q1"));
        assertThrows(IllegalArgumentException.class, () -> BenchOp.SOFTMAX.parse("100"));
        assertThrows(IllegalArgumentException.class, () -> BenchOp.ELEMENTWISE.parse("4096M"));
        assertThrows(IllegalArgumentException.class, () -> BenchOp.TRAIN.parse("cnn:0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOp.of("gemv"));
    }

    @Test
    void ratesFollowTheUnits() {
        BenchRow gemm = new BenchRow(BenchOp.GEMM.parse("100"), DType.F32, "cpu", 2.0,
                DevicePeak.unknown("n/a"), 4.0);
        assertEquals(1.0, gemm.rate(), 1e-12);                 // 2e6 FLOP in 2 ms
        assertEquals(0.5, gemm.rate(gemm.peerMs()), 1e-12);
        assertEquals(2.0, gemm.ratio(), 1e-12);                // the peer took twice as long
        assertTrue(gemm.percentOfPeak().isEmpty());
        BenchRow add = new BenchRow(BenchOp.ELEMENTWISE.parse("1000"), DType.F64, "cpu", 0.024, null, Double.NaN);
        assertEquals(1.0, add.rate(), 1e-12);                  // 24,000 bytes in 24 us
        assertTrue(Double.isNaN(add.ratio()));
        BenchRow train = new BenchRow(BenchOp.TRAIN.parse("mlp:64"), DType.F32, "cpu", 16, null, Double.NaN);
        assertEquals(4000, train.rate(), 1e-9);                // 64 samples in 16 ms
    }

    @Test
    void cpuPeakIsLanesTimesTwoTimesFmaUnitsTimesCpusTimesClock() {
        CpuPeak p = new CpuPeak(4, 16, 8, OptionalDouble.of(2.5), "test");
        assertEquals(16 * 2 * 2 * 4 * 2.5, p.gflops(DType.F32).getAsDouble(), EPS);
        assertEquals(8 * 2 * 2 * 4 * 2.5, p.gflops(DType.F64).getAsDouble(), EPS);
        String f = p.formula(DType.F32);
        assertTrue(f.contains("4 CPUs") && f.contains("16 f32 lanes") && f.contains("(assumed)")
                && f.contains("2.50 GHz") && f.contains("640.0 GFLOP/s"), f);
        DevicePeak d = new DevicePeak(p.gflops(DType.F32), f);
        assertEquals(50.0, d.percent(320).getAsDouble(), EPS);
    }

    @Test
    void cpuPeakIsTheMeasuredFmaThroughputWithTheNominalFormulaBesideIt() {
        CpuPeak nominal = new CpuPeak(2, 16, 8, OptionalDouble.of(2.0), "test");
        DevicePeak measured = DevicePeak.cpu(nominal, DType.F32, Optional.of(new FmaPeak.Result(400, "measured: how")));
        assertEquals(400, measured.gflops().getAsDouble(), EPS);
        assertEquals(50.0, measured.percent(200).getAsDouble(), EPS);
        assertTrue(measured.formula().startsWith("400.0 GFLOP/s, measured: how (nominal: 2 CPUs x 16 f32 lanes")
                && measured.formula().endsWith("= 256.0 GFLOP/s)"), measured.formula());
        DevicePeak formulaOnly = DevicePeak.cpu(nominal, DType.F32, Optional.empty());
        assertEquals(256, formulaOnly.gflops().getAsDouble(), EPS);
        assertEquals(nominal.formula(DType.F32), formulaOnly.formula());
    }

    @Test
    void fmaPeakRunsEveryChainOnEveryThread() {
        // c = c/2 + 1/2 from 1 stays 1: every lane of the sixteen chains sums to 1
        assertEquals(16.0 * FloatVector.SPECIES_PREFERRED.length(), FmaPeak.chains(DType.F32, 1000), 0);
        assertEquals(16.0 * DoubleVector.SPECIES_PREFERRED.length(), FmaPeak.chains(DType.F64, 1000), 0);
        FmaPeak.Result r = FmaPeak.measure(DType.F64, 2).orElseThrow();
        assertTrue(r.gflops() > 0 && Double.isFinite(r.gflops()), r::toString);
        assertTrue(r.how().contains("16 independent FMA chains of " + DoubleVector.SPECIES_PREFERRED.length()
                + "-lane f64 vectors on each of 2 threads at once"), r.how());
    }

    @Test
    void unknownClockOrWidthGivesNoPeak() {
        CpuPeak noClock = new CpuPeak(2, 8, 4, OptionalDouble.empty(), "no cpufreq");
        assertTrue(noClock.gflops(DType.F32).isEmpty());
        assertTrue(noClock.formula(DType.F32).contains("clock unknown (no cpufreq)"), noClock.formula(DType.F32));
        assertTrue(noClock.formula(DType.F32).endsWith("= unknown"));
        CpuPeak noVector = new CpuPeak(2, 0, 0, OptionalDouble.of(3), "x");
        assertTrue(noVector.gflops(DType.F64).isEmpty());
        assertTrue(new DevicePeak(OptionalDouble.empty(), "n/a").percent(10).isEmpty());
    }

    @Test
    void clockIsReadFromSysOrCpuinfo() {
        assertEquals(3.5, CpuPeak.ghzFromMaxFreq("3500000\n").getAsDouble(), EPS);
        assertTrue(CpuPeak.ghzFromMaxFreq("<unknown>").isEmpty());
        assertTrue(CpuPeak.ghzFromMaxFreq("0").isEmpty());
        String cpuinfo = "processor\t: 0\nmodel name\t: Some CPU @ 2.00GHz\ncpu MHz\t\t: 2399.998\n\n"
                + "processor\t: 1\ncpu MHz\t\t: 3100.500\ncpu MHz bogus\t: 9999\n";
        assertEquals(3.1005, CpuPeak.ghzFromCpuinfo(cpuinfo).getAsDouble(), EPS);
        assertTrue(CpuPeak.ghzFromCpuinfo("processor\t: 0\nflags\t: fpu\n").isEmpty());
    }

    @Test
    void openClPeakFromReportedFigures() {
        DevicePeak cpu = OpenClPeak.peak("pocl", true, 2, 2600, 16);
        assertEquals(2 * 16 * 2 * 2 * 2.6, cpu.gflops().getAsDouble(), 1e-9);
        DevicePeak gpu = OpenClPeak.peak("Some GPU", false, 80, 1500, 1);
        assertTrue(gpu.gflops().isEmpty());
        assertTrue(gpu.formula().contains("80 compute units at 1500 MHz"), gpu.formula());
        assertFalse(OpenClPeak.peak("pocl", true, 2, 0, 16).gflops().isPresent());
    }

    @Test
    void anOpenClDeviceThatIsThisWholeCpuTakesTheMeasuredPeak() {
        DevicePeak nominal = OpenClPeak.peak("pocl", true, 2, 2100, 16);
        java.util.Optional<FmaPeak.Result> fma = java.util.Optional.of(new FmaPeak.Result(430.0, "16 chains"));
        DevicePeak host = OpenClPeak.onHost(nominal, 2, fma, 2, 2);
        assertEquals(430.0, host.gflops().getAsDouble(), EPS);
        assertTrue(host.formula().startsWith("430.0 GFLOP/s, this host's CPU (the device's 2 compute units are its 2"
                + " processors), 16 chains (nominal: 2 compute units x 16 native lanes"), host.formula());
        // part of the CPU, another thread count or no measurement: the device's own figures
        assertEquals(nominal, OpenClPeak.onHost(nominal, 2, fma, 2, 4));
        assertEquals(nominal, OpenClPeak.onHost(nominal, 2, fma, 1, 2));
        assertEquals(nominal, OpenClPeak.onHost(nominal, 2, java.util.Optional.empty(), 2, 2));
    }

    @Test
    void cudaPeakKnownOrUnknownWithTheReason() {
        DevicePeak h200 = DevicePeak.cuda(OptionalDouble.of(66_908.16), "132 SMs x 128 FP32 FMA units x 2 x 1980 MHz");
        assertEquals(25.6, h200.percent(17_148.6).getAsDouble(), 0.05); // the tiled kernel measured on an H200
        DevicePeak old = DevicePeak.cuda(OptionalDouble.empty(), "56 SMs x 0 FP32 FMA units x 2 x 1328 MHz");
        assertTrue(old.percent(1000).isEmpty());
        assertTrue(old.formula().startsWith("no FMA-unit figures for this CUDA architecture"), old.formula());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3, BenchTimer.median(new double[] {5, 1, 3}), EPS);
        assertEquals(2.5, BenchTimer.median(new double[] {4, 1, 2, 3}), EPS);
        assertThrows(IllegalArgumentException.class, () -> BenchTimer.median(new double[0]));
    }

    @Test
    void theWarmUpWaitsWhileTheJitCompilesMoreThanOnePercent() {
        assertTrue(BenchTimer.jitQuiet(0, BenchTimer.JIT_STRETCH_NANOS));
        assertTrue(BenchTimer.jitQuiet(2, 250_000_000L)); // 0.8 %
        assertFalse(BenchTimer.jitQuiet(3, 250_000_000L)); // 1.2 %
        assertFalse(BenchTimer.jitQuiet(1, 50_000_000L));
    }

    @Test
    void warmUpEndsWhenTheCallsStopGettingFaster() {
        int w = BenchTimer.WINDOW;
        double[] ring = new double[2 * w];
        for (int k = 0; k < 2 * w; k++) {
            ring[k] = k < w ? 10 : 5; // older window 10 ms, newer 5 ms: still warming up
        }
        assertFalse(BenchTimer.steady(ring, 2 * w));
        java.util.Arrays.fill(ring, w, 2 * w, 9.6); // within 5%: steady
        assertTrue(BenchTimer.steady(ring, 2 * w));
        // the ring wraps: after 3w calls the older window sits at [w, 2w), the newer at [0, w)
        java.util.Arrays.fill(ring, 0, w, 4);
        assertFalse(BenchTimer.steady(ring, 3 * w));
    }
}
