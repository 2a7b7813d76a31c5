package dev.sinapsis.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;

/** An OpenCL call failed; the message names the kernel or operation and the CL error name. */
public class OpenClException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public OpenClException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The OpenCL status code (e.g. {@code CL_OUT_OF_RESOURCES}). */
    public int status() {
        return status;
    }

    /** Wraps a JOCL exception with what was being done: {@code "kernel gemm_F32: CL_INVALID_WORK_GROUP_SIZE"}. */
    static OpenClException of(String what, CLException e) {
        String name = CL.stringFor_errorCode(e.getStatus());
        return new OpenClException(what + ": " + name + " (" + e.getMessage() + ")", e.getStatus(), e);
    }
}
