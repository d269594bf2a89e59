package dev.amanah.donations.store;

import java.util.Objects;

/**
 * A refusal or failure of the persistence layer, with a stable {@link Code} callers can map to an
 * answer (404, 409, 422, 503...). Thrown after the transaction it happened in was rolled back, so
 * nothing of the failed operation is left in the database.
 */
public final class StoreException extends RuntimeException {

    /** Stable error codes; their names never change meaning. */
    public enum Code {
        /** The row named by an id or key does not exist. */
        NOT_FOUND,
        /** A row with this id or unique key exists already (and is not an idempotent replay). */
        DUPLICATE,
        /** A state change the state machine does not allow (campaign, donation phase, refund, payout). */
        ILLEGAL_TRANSITION,
        /** An amount is not in the currency of the row it belongs to (a donation in another currency than its campaign). */
        CURRENCY_MISMATCH,
        /** A refund would take more than what remains of its donation. */
        REFUND_EXCEEDS_DONATION,
        /** A refund would take an account below zero: the campaign paid the money out already. */
        INSUFFICIENT_FUNDS,
        /** The same idempotency key was reused for a different request. */
        KEY_REUSED,
        /** The ledger refused: a trigger rejected a change to an append-only row, or a reversal twice. */
        LEDGER_APPEND_ONLY,
        /** The database could not be reached or failed; retrying the whole operation later may work. */
        DATABASE_UNAVAILABLE,
        /** The database failed for another reason (a bug, a constraint the caller should have met). */
        DATABASE_ERROR
    }

    private final Code code;

    /** An error with a code and a message that names the row at fault (never personal data). */
    public StoreException(Code code, String message) {
        super(code + ": " + message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An error caused by a lower-level exception, usually a {@link java.sql.SQLException}. */
    public StoreException(Code code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code. */
    public Code code() {
        return code;
    }
}
