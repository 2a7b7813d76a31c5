package dev.sinapsis.backend.cuda;

/** A CUDA driver, NVRTC or cuBLAS call failed; the message names the operation and the error. */
public class CudaDriverException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public CudaDriverException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The status code the call returned. */
    public int status() {
        return status;
    }
}
