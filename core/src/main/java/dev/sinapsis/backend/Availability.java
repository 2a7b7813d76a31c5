package dev.sinapsis.backend;

/**
 * Whether a backend can run here.
 *
 * @param available true when it can
 * @param reason    when unavailable: what is missing (library, driver, device)
 * @param fix       when unavailable: how to make it available
 */
public record Availability(boolean available, String reason, String fix) {
    /** The backend can run. */
    public static Availability yes() {
        return new Availability(true, "", "");
    }

    /** The backend cannot run, with the reason and the fix. */
    public static Availability no(String reason, String fix) {
        return new Availability(false, reason, fix);
    }
}
