package dev.sinapsis.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sinapsis.backend.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unavailability reason of the CUDA probe, from fake library directories and fake driver
 * answers (no GPU needed): each is one line with its fix, and the driver is not asked when its
 * library is missing.
 */
class CudaProbeTest {
    private static final CudaDeviceInfo H200 = new CudaDeviceInfo(0, "NVIDIA H200", 9, 0, 143_771L << 20, 132, 1_980_000);
    private static final CudaDeviceInfo T4 = new CudaDeviceInfo(1, "Tesla T4", 7, 5, 15_360L << 20, 40, 1_590_000);
    private static final CudaDeviceInfo P100 = new CudaDeviceInfo(0, "Tesla P100-PCIE-16GB", 6, 0, 16_280L << 20, 56, 1_328_500);
    private static final Function<NativeLibraries, DriverFacts> NEVER = l -> fail("the driver must not be asked");

    @TempDir
    Path dir;

    private NativeLibraries withDriver() throws IOException {
        Files.createFile(dir.resolve("libcuda.so.1"));
        return new NativeLibraries(List.of(dir), Set.of());
    }

    private static DriverFacts facts(int driver, String nvrtcError, CudaDeviceInfo... devices) {
        return new DriverFacts(0, "", driver, List.of(devices), nvrtcError, nvrtcError == null ? 12060 : 0);
    }

    private static Availability unavailable(CudaProbe.Result r) {
        Availability a = r.availability();
        assertFalse(a.available(), "expected unavailable: " + r);
        assertFalse(a.reason().contains("\n") || a.fix().contains("\n"), "one line each: " + a);
        assertFalse(a.fix().isBlank(), "a fix is given: " + a);
        return a;
    }

    @Test
    void noDriverLibraryIsReportedWithoutAskingTheDriver() {
        NativeLibraries none = new NativeLibraries(List.of(dir), Set.of("libc.so.6"));
        Availability a = unavailable(CudaProbe.evaluate(none, NEVER, "", "auto"));
        assertEquals("no NVIDIA driver (libcuda.so.1 not found in the ldconfig cache, LD_LIBRARY_PATH or the "
                + "standard library directories)", a.reason());
        assertEquals("install the NVIDIA driver (525 or newer), or pick --backend cpu|opencl", a.fix());
    }

    @Test
    void theDriverLibraryIsFoundInADirectoryOrTheLdconfigCache() throws IOException {
        assertTrue(CudaProbe.evaluate(withDriver(), l -> facts(13000, null, H200), "", "auto").availability().available());
        NativeLibraries cached = new NativeLibraries(List.of(), Set.of("libcuda.so.1"));
        assertTrue(CudaProbe.evaluate(cached, l -> facts(13000, null, H200), "", "auto").availability().available());
    }

    @Test
    void unloadableNativesAreOneLineWithTheFix() throws IOException {
        Availability a = unavailable(CudaProbe.evaluate(withDriver(), l -> {
            throw new UnsatisfiedLinkError("libJCudaDriver-12.6.0-linux-x86_64.so: GLIBC_2.34 not found");
        }, "", "auto"));
        assertEquals("JCuda's native library could not be loaded (libJCudaDriver-12.6.0-linux-x86_64.so: GLIBC_2.34 "
                + "not found)", a.reason());
        assertTrue(a.fix().endsWith("or pick --backend cpu|opencl"), a.fix());
    }

    @Test
    void cuInitFailuresNameTheError() throws IOException {
        NativeLibraries libs = withDriver();
        Availability a = unavailable(CudaProbe.evaluate(libs,
                l -> new DriverFacts(100, "CUDA_ERROR_NO_DEVICE", 13000, List.of(), null, 0), "", "auto"));
        assertEquals("the NVIDIA driver is installed but finds no GPU (cuInit: CUDA_ERROR_NO_DEVICE)", a.reason());
        assertTrue(a.fix().contains("--gpus all"), a.fix());
        a = unavailable(CudaProbe.evaluate(libs,
                l -> new DriverFacts(35, "CUDA_ERROR_INSUFFICIENT_DRIVER", 12000, List.of(), null, 0), "", "auto"));
        assertEquals("cuInit failed (CUDA_ERROR_INSUFFICIENT_DRIVER): the driver is too old or does not match its "
                + "kernel module", a.reason());
        assertTrue(a.fix().startsWith("update the NVIDIA driver"), a.fix());
    }

    @Test
    void aDriverOlderThanCuda12IsTooOld() throws IOException {
        Availability a = unavailable(CudaProbe.evaluate(withDriver(), l -> facts(11080, null, H200), "", "auto"));
        assertEquals("the NVIDIA driver supports CUDA 11.8; the CUDA backend (JCuda 12.6) needs CUDA 12.0 or newer",
                a.reason());
        assertTrue(a.fix().startsWith("update the NVIDIA driver to 525 or newer"), a.fix());
    }

    @Test
    void noDeviceAndOldGpusAreRefused() throws IOException {
        NativeLibraries libs = withDriver();
        assertEquals("the CUDA driver reports no device",
                unavailable(CudaProbe.evaluate(libs, l -> facts(13000, null), "", "auto")).reason());
        Availability a = unavailable(CudaProbe.evaluate(libs, l -> facts(13000, null, P100), "", "auto"));
        assertEquals("the GPU Tesla P100-PCIE-16GB has compute capability 6.0; the CUDA kernels need 7.5 (Turing) "
                + "or newer", a.reason());
    }

    @Test
    void theDevicePropertyTakesAnOrdinalOrAPartOfTheName() throws IOException {
        NativeLibraries libs = withDriver();
        Function<NativeLibraries, DriverFacts> two = l -> facts(13000, null, H200, T4);
        assertSame(H200, CudaProbe.evaluate(libs, two, "", "auto").device());
        assertSame(T4, CudaProbe.evaluate(libs, two, "1", "auto").device());
        assertSame(T4, CudaProbe.evaluate(libs, two, " t4 ", "auto").device());
        Availability a = unavailable(CudaProbe.evaluate(libs, two, "7", "auto"));
        assertEquals("-Dsinapsis.cuda.device=7 matches no CUDA device; set it to an ordinal or a part of a name of: "
                + "0: NVIDIA H200, compute capability 9.0, 143771 MiB, 132 SMs; 1: Tesla T4, compute capability 7.5, "
                + "15360 MiB, 40 SMs", a.reason());
        assertTrue(unavailable(CudaProbe.evaluate(libs, two, "a100", "auto")).reason().startsWith(
                "-Dsinapsis.cuda.device=a100 matches no CUDA device"));
    }

    @Test
    void nvrtcWhenItLoadsElseTheShippedPtxOnACuda13Driver() throws IOException {
        NativeLibraries libs = withDriver();
        CudaProbe.Result r = CudaProbe.evaluate(libs, l -> facts(12080, null, H200), "", "auto");
        assertEquals(KernelPath.NVRTC, r.path());
        assertEquals("NVRTC 12.6 loaded: kernels are compiled for compute capability 9.0", r.pathReason());
        String missing = "libnvrtc.so.12 (the CUDA 12 toolkit's NVRTC) is not installed";
        r = CudaProbe.evaluate(libs, l -> facts(13000, missing, H200), "", "auto");
        assertEquals(KernelPath.PTX, r.path());
        assertEquals("the shipped PTX (" + missing + ")", r.pathReason());
        r = CudaProbe.evaluate(libs, l -> facts(13000, null, H200), "", "ptx");
        assertEquals(KernelPath.PTX, r.path(), "-Dsinapsis.cuda.kernels=ptx forces the PTX");
        assertEquals("the shipped PTX (-Dsinapsis.cuda.kernels=ptx)", r.pathReason());
    }

    @Test
    void withoutNvrtcACuda12DriverCannotLoadThePtx() throws IOException {
        String missing = "libnvrtc.so.12 (the CUDA 12 toolkit's NVRTC) is not installed";
        Availability a = unavailable(CudaProbe.evaluate(withDriver(), l -> facts(12040, missing, H200), "", "auto"));
        assertEquals("NVRTC is not usable (" + missing + ") and the shipped PTX (ISA 9.0, nvcc 13) needs a CUDA 13 "
                + "driver; this one supports CUDA 12.4", a.reason());
        assertTrue(a.fix().contains("libnvrtc.so.12") && a.fix().contains("580"), a.fix());
    }

    @Test
    void aBadKernelsValueIsAnError() {
        Availability a = unavailable(CudaProbe.evaluate(new NativeLibraries(List.of(), Set.of()), NEVER, "", "fatbin"));
        assertEquals("-Dsinapsis.cuda.kernels=fatbin is not a kernel path", a.reason());
    }

    @Test
    void ldconfigOutputGivesTheSonames() {
        String out = "1234 libs found in cache `/etc/ld.so.cache'\n"
                + "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1\n"
                + "\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6\n";
        assertEquals(Set.of("libcuda.so.1", "libc.so.6"), NativeLibraries.parseLdconfig(out));
        assertNull(CudaProbe.evaluate(new NativeLibraries(List.of(), NativeLibraries.parseLdconfig("")), NEVER, "", "")
                .device());
    }

    @Test
    void thePeakIsTheMultiprocessorsTimesTheirFmaUnitsTimesTwoTimesTheClock() {
        // H200 (SXM): 132 SMs x 128 FP32 units x 2 x 1.98 GHz = 66.9 TFLOP/s, the datasheet's 67;
        // FP64 half of it (64 units per SM), the datasheet's 34
        assertEquals(66_908.16, H200.peakGflops(false).getAsDouble(), 1e-6);
        assertEquals(33_454.08, H200.peakGflops(true).getAsDouble(), 1e-6);
        // T4: 40 x 64 x 2 x 1.59 GHz = 8.1 TFLOP/s, its datasheet's 8.1
        assertEquals(8_140.8, T4.peakGflops(false).getAsDouble(), 1e-6);
        assertTrue(P100.peakGflops(false).isEmpty(), "compute capability 6.0 is not in the table");
        assertTrue(new CudaDeviceInfo(0, "x", 9, 0, 1L << 30, 132, 0).peakGflops(false).isEmpty(), "no clock");
        assertTrue(H200.peakFormula(false).startsWith("132 SMs x 128 FP32 FMA units x 2 x 1980 MHz"), H200.peakFormula(false));
    }
}
