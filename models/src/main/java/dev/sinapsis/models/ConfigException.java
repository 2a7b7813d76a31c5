package dev.sinapsis.models;

/**
 * A run setting is invalid: a command-line value ({@code --epochs 0}, an unknown optimizer) or a
 * setting stored in a checkpoint's metadata. The message says which setting and what is allowed;
 * the {@code sinapsis} command prints it as a one-line user error.
 *
 * <p>It is an {@link IllegalArgumentException}, so code that validates arguments generically keeps
 * catching it; but unlike any other IllegalArgumentException it is raised on purpose, for input.
 */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An invalid setting, described by {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /** An invalid setting, described by {@code message}, found through {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
