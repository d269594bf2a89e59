package dev.amanah.donations.pipeline;

import dev.amanah.donations.store.StoreException;
import java.sql.SQLException;

/**
 * The {@link ReceiptStep} failed inside a record-and-receipt transaction: thrown out of that
 * transaction (which then rolls back whole) so that the pipeline can tell a receipt that cannot be
 * issued from a donation that cannot be recorded, and record the donation without its receipt.
 *
 * <p>{@link #describe} says what went wrong without personal data: database messages may quote a
 * row (PostgreSQL's "Failing row contains (...)" names the donor), so of an {@link SQLException}
 * only its SQLState, vendor code and class are told; other exceptions are the code's own, whose messages name
 * ids and dates, never a donor.
 */
final class ReceiptFailure extends RuntimeException {
    ReceiptFailure(RuntimeException cause) {
        super("the receipt step failed", cause);
    }

    /** The receipt step's own exception. */
    RuntimeException reason() {
        return (RuntimeException) getCause();
    }

    /**
     * Whether trying again cannot help: not a database that is busy, unreachable or in doubt
     * ({@code DATABASE_UNAVAILABLE}), for which the donation is better left for recovery.
     */
    boolean isPermanent() {
        return !(reason() instanceof StoreException store && store.code() == StoreException.Code.DATABASE_UNAVAILABLE);
    }

    /** What failed, for a log line: a store error's code or the exception's class, and an SQLState or the code's own message; never a message of the database */
    String describe() {
        var out = new StringBuilder();
        var reason = reason();
        out.append("error=").append(reason instanceof StoreException store ? store.code().name() : reason.getClass().getSimpleName());
        SQLException sql = null;
        for (Throwable t = reason; t != null; t = t.getCause()) {
            if (t instanceof SQLException found) {
                sql = found;
                break;
            }
        }
        if (sql != null) {
            out.append(" sqlstate=").append(sql.getSQLState()).append(" vendor_code=").append(sql.getErrorCode())
                    .append(" cause=").append(sql.getClass().getSimpleName());
        } else {
            out.append(" message=\"").append(String.valueOf(reason.getMessage()).replace('"', '\'')).append('"');
        }
        return out.toString();
    }
}
