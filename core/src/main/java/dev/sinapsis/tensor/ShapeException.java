package dev.sinapsis.tensor;

/** A shape (or rank, or axis) does not fit the op it was given to; the message names the op and the shapes. */
public class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
