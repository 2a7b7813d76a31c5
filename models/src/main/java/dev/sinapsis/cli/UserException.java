package dev.sinapsis.cli;

/** A problem with what the user asked for; {@link Main} prints its message as one line, without a stack trace. */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
