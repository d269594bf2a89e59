package dev.amanah.donations.rates;

/**
 * A rates file a user named cannot be used ({@link RatesFile#load}): its message is one sentence
 * for that user, naming the file, and is the same whichever command or key named it.
 */
public final class RatesFileException extends RuntimeException {
    /** Whether the file could not be read at all, or was read and is wrong. */
    public enum Kind {
        /** Missing, a directory, not permitted, not UTF-8 text. */
        UNREADABLE,
        /** A bad row (named by its line), or no rate at all. */
        INVALID
    }

    private final Kind kind;

    RatesFileException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Why the file cannot be used. */
    public Kind kind() {
        return kind;
    }
}
