package dev.amanah.donations.service;

/**
 * The service could not start for a reason outside this program: its database cannot be reached
 * or migrated, its schema is newer than this binary's ({@code schema_newer}: a newer release migrated
 * it), another service runs on the same PostgreSQL database ({@code database_in_use}), the
 * sandbox's journal is held by another process or cannot be read, or the HTTP port cannot be bound. When {@link AmanahService#start} throws it, nothing it started is left
 * open. The message is one line, starting with the cause's code (for instance
 * {@code DATABASE_UNAVAILABLE: …} or {@code http_not_listening: …}), fit to show a person as is;
 * the cause keeps the whole story for a log.
 */
public final class StartRefused extends RuntimeException {

    StartRefused(RuntimeException cause) {
        super(firstLine(cause.getMessage()), cause);
    }

    /** A refusal found by the service itself, not thrown to it: {@code message} is one line, starting with its code. */
    StartRefused(String message) {
        super(message);
    }

    // Flyway's messages run to a dozen lines of details under a rule; their first line names the fact.
    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.strip().lines().findFirst().orElse("no reason given").strip();
    }
}
