package dev.sinapsis.tensor;

/** A dtype does not fit the op it was given to; the message names the op and the dtypes. */
public class DTypeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DTypeException(String message) {
        super(message);
    }
}
