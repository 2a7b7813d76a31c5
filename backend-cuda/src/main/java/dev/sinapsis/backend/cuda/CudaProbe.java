package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.BackendUnavailableException;
import java.util.Locale;
import java.util.function.Function;

/**
 * Decides whether the CUDA backend can run here, each failure one reason and one fix: no driver
 * ({@code libcuda.so.1} not found, checked before any JCuda class is touched), JCuda's natives not
 * loadable, {@code cuInit} failing (no device, driver too old), a driver older than CUDA 12, no
 * device, a bad {@code -Dsinapsis.cuda.device}, a GPU older than compute capability 7.5, and no
 * way to get kernels (no NVRTC and a driver too old for the shipped PTX). It also chooses the
 * kernel path: NVRTC when it loads, otherwise the shipped PTX, and says why.
 */
final class CudaProbe {
    /** The alternative every fix ends with. */
    static final String OTHERWISE = "or pick --backend cpu|opencl";
    /** Oldest driver JCuda 12.6 runs on: CUDA 12.0. */
    static final int MIN_DRIVER = 12000;
    /** Oldest driver that loads the shipped PTX (ISA 9.0, written by nvcc 13): CUDA 13.0. */
    static final int PTX_DRIVER = 13000;
    /** Oldest GPU the kernels are compiled for: compute capability 7.5 (Turing). */
    static final int MIN_CAPABILITY = 75;
    /** System property: {@code auto} (default: NVRTC when it loads) or {@code ptx} (always the shipped PTX). */
    static final String KERNELS_PROPERTY = "sinapsis.cuda.kernels";

    /**
     * The probe's answer.
     *
     * @param availability whether the backend can run, else the reason and fix
     * @param device       the chosen device (null when unavailable)
     * @param path         how kernels are compiled (null when unavailable)
     * @param pathReason   why that path
     * @param facts        what the driver said (null when it was not asked)
     */
    record Result(Availability availability, CudaDeviceInfo device, KernelPath path, String pathReason,
                  DriverFacts facts) {
        static Result no(String reason, String fix, DriverFacts facts) {
            return new Result(Availability.no(reason, fix), null, null, "", facts);
        }
    }

    private CudaProbe() {
    }

    /** This machine's answer, from the system's library search and the real driver. */
    static Result probe() {
        return evaluate(NativeLibraries.system(), DriverQuery::query, System.getProperty(CudaDeviceInfo.PROPERTY, ""),
                System.getProperty(KERNELS_PROPERTY, "auto"));
    }

    /**
     * The decision, from injectable inputs (tests give fake library paths and driver answers).
     *
     * @param libs          where shared libraries are found
     * @param driver        asks the driver; called only when {@code libcuda.so.1} was found
     * @param deviceWanted  the {@code -Dsinapsis.cuda.device} value (blank: the first device)
     * @param kernels       the {@code -Dsinapsis.cuda.kernels} value ({@code auto} or {@code ptx})
     */
    static Result evaluate(NativeLibraries libs, Function<NativeLibraries, DriverFacts> driver, String deviceWanted,
                           String kernels) {
        String k = kernels == null ? "auto" : kernels.trim().toLowerCase(Locale.ROOT);
        if (!k.equals("auto") && !k.equals("ptx") && !k.isEmpty()) {
            return Result.no("-D" + KERNELS_PROPERTY + "=" + kernels + " is not a kernel path",
                    "set it to auto (NVRTC when it loads, else the shipped PTX) or ptx", null);
        }
        if (!libs.has("libcuda.so.1")) {
            return Result.no("no NVIDIA driver (libcuda.so.1 not found in " + libs.searched() + ")",
                    "install the NVIDIA driver (525 or newer), " + OTHERWISE, null);
        }
        DriverFacts f;
        try {
            f = driver.apply(libs);
        } catch (LinkageError e) {
            return Result.no("JCuda's native library could not be loaded (" + e.getMessage() + ")",
                    "JCuda 12.6 ships natives for linux-x86_64 with glibc; check the NVIDIA driver install (nvidia-smi), "
                            + OTHERWISE, null);
        } catch (RuntimeException e) {
            return Result.no("asking the CUDA driver failed: " + e, "check the NVIDIA driver install (nvidia-smi), "
                    + OTHERWISE, null);
        }
        if (f.driverVersion() > 0 && f.driverVersion() < MIN_DRIVER) {
            return Result.no("the NVIDIA driver supports CUDA " + DriverFacts.version(f.driverVersion())
                    + "; the CUDA backend (JCuda 12.6) needs CUDA 12.0 or newer",
                    "update the NVIDIA driver to 525 or newer, " + OTHERWISE, f);
        }
        if (f.initStatus() != 0) {
            String why = "cuInit failed (" + f.initError() + ")";
            return switch (f.initError()) {
                case "CUDA_ERROR_NO_DEVICE" -> Result.no("the NVIDIA driver is installed but finds no GPU (cuInit: "
                        + "CUDA_ERROR_NO_DEVICE)", "check nvidia-smi; in a container, pass the GPU through "
                        + "(docker run --gpus all), " + OTHERWISE, f);
                case "CUDA_ERROR_INSUFFICIENT_DRIVER", "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH" -> Result.no(why
                        + ": the driver is too old or does not match its kernel module",
                        "update the NVIDIA driver (and reboot after an update), " + OTHERWISE, f);
                default -> Result.no(why, "check nvidia-smi and the driver install, " + OTHERWISE, f);
            };
        }
        if (f.devices().isEmpty()) {
            return Result.no("the CUDA driver reports no device", "check nvidia-smi, " + OTHERWISE, f);
        }
        CudaDeviceInfo device;
        try {
            device = CudaDeviceInfo.choose(f.devices(), deviceWanted);
        } catch (BackendUnavailableException e) {
            return Result.no(e.getMessage(), "set -D" + CudaDeviceInfo.PROPERTY + " to an ordinal or a part of a "
                    + "device's name, or leave it unset for the first device", f);
        }
        if (device.capability() < MIN_CAPABILITY) {
            return Result.no("the GPU " + device.name() + " has compute capability " + device.major() + "."
                    + device.minor() + "; the CUDA kernels need 7.5 (Turing) or newer",
                    "use a newer GPU, " + OTHERWISE, f);
        }
        if (f.nvrtcError() == null && !k.equals("ptx")) {
            return new Result(Availability.yes(), device, KernelPath.NVRTC, "NVRTC " + DriverFacts.version(f.nvrtcVersion())
                    + " loaded: kernels are compiled for compute capability " + device.major() + "." + device.minor(), f);
        }
        String why = k.equals("ptx") ? "-D" + KERNELS_PROPERTY + "=ptx" : f.nvrtcError();
        if (f.driverVersion() < PTX_DRIVER) {
            return Result.no("NVRTC is not usable (" + why + ") and the shipped PTX (ISA 9.0, nvcc 13) needs a CUDA 13 "
                    + "driver; this one supports CUDA " + DriverFacts.version(f.driverVersion()),
                    "install the CUDA 12 toolkit's NVRTC (libnvrtc.so.12) or update the NVIDIA driver to 580 or newer, "
                            + OTHERWISE, f);
        }
        return new Result(Availability.yes(), device, KernelPath.PTX, "the shipped PTX (" + why + ")", f);
    }
}
