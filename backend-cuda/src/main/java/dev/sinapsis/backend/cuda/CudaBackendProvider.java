package dev.sinapsis.backend.cuda;

import dev.sinapsis.backend.Availability;
import dev.sinapsis.backend.Backend;
import dev.sinapsis.backend.BackendProvider;

/**
 * Registers the CUDA backend. Priority 20 (above OpenCL and the CPU) when a usable NVIDIA GPU is
 * found, -20 otherwise. The probe ({@link CudaProbe}) runs once per JVM: it looks for the
 * driver's library before any JCuda class is touched, and every failure is an unavailable answer
 * with one reason and one fix.
 */
public final class CudaBackendProvider implements BackendProvider {
    private static final System.Logger LOG = System.getLogger(CudaBackendProvider.class.getName());
    private static volatile CudaProbe.Result result;

    @Override
    public String name() {
        return CudaBackend.NAME;
    }

    @Override
    public int priority() {
        return availability().available() ? 20 : -20;
    }

    @Override
    public Availability availability() {
        return result().availability();
    }

    /** The probe's cached answer (probed and logged once). */
    static CudaProbe.Result result() {
        CudaProbe.Result r = result;
        if (r == null) {
            synchronized (CudaBackendProvider.class) {
                r = result;
                if (r == null) {
                    result = r = CudaProbe.probe();
                    Availability a = r.availability();
                    if (a.available()) {
                        LOG.log(System.Logger.Level.INFO, "CUDA: " + r.device().describe() + "; kernels: "
                                + r.path() + ", " + r.pathReason());
                    } else {
                        LOG.log(System.Logger.Level.DEBUG, "CUDA unavailable: " + a.reason() + ". Fix: " + a.fix());
                    }
                }
            }
        }
        return r;
    }

    @Override
    public Backend create() {
        return new CudaBackend();
    }
}
