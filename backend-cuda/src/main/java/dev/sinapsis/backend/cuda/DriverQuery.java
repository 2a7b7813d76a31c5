package dev.sinapsis.backend.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.nvrtc.JNvrtc;

/**
 * The JCuda calls of the availability probe. Only {@link CudaProbe} calls it, and only once
 * {@code libcuda.so.1} was found: loading JCuda's driver binding on a machine without the driver
 * would fail inside JCuda's native loader.
 */
final class DriverQuery {
    private DriverQuery() {
    }

    /** Asks the driver (cuInit, version, devices) and tries NVRTC when {@code libnvrtc.so.12} is present. */
    static DriverFacts query(NativeLibraries libs) {
        JCudaDriver.setExceptionsEnabled(false);
        int[] version = new int[1];
        JCudaDriver.cuDriverGetVersion(version);
        int init = JCudaDriver.cuInit(0);
        String nvrtcError = null;
        int nvrtcVersion = 0;
        if (!libs.has("libnvrtc.so.12")) {
            nvrtcError = "libnvrtc.so.12 (the CUDA 12 toolkit's NVRTC) is not installed";
        } else {
            try {
                int[] major = new int[1];
                int[] minor = new int[1];
                JNvrtc.setExceptionsEnabled(false);
                JNvrtc.nvrtcVersion(major, minor);
                nvrtcVersion = major[0] * 1000 + minor[0] * 10;
            } catch (LinkageError e) {
                nvrtcError = "JCuda's NVRTC binding could not load (" + e.getMessage() + ")";
            }
        }
        if (init != CUresult.CUDA_SUCCESS) {
            return new DriverFacts(init, CUresult.stringFor(init), version[0], List.of(), nvrtcError, nvrtcVersion);
        }
        int[] count = new int[1];
        JCudaDriver.cuDeviceGetCount(count);
        List<CudaDeviceInfo> devices = new ArrayList<>();
        for (int i = 0; i < count[0]; i++) {
            CUdevice d = new CUdevice();
            JCudaDriver.cuDeviceGet(d, i);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, d);
            long[] mem = new long[1];
            JCudaDriver.cuDeviceTotalMem(mem, d);
            devices.add(new CudaDeviceInfo(i, cString(name), attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                    attribute(d, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR), mem[0],
                    attribute(d, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT), attribute(d, CU_DEVICE_ATTRIBUTE_CLOCK_RATE)));
        }
        return new DriverFacts(init, "", version[0], devices, nvrtcError, nvrtcVersion);
    }

    static int attribute(CUdevice d, int attribute) {
        int[] v = new int[1];
        JCudaDriver.cuDeviceGetAttribute(v, attribute, d);
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }
}
