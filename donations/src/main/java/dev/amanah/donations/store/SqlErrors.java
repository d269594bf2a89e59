package dev.amanah.donations.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.sqlite.SQLiteException;

/** Classifies database errors: which are worth a retry, and which stable code each one gets. */
final class SqlErrors {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private SqlErrors() {
    }

    /**
     * Whether a failed transaction may succeed if run again: SQLite busy or locked, PostgreSQL
     * serialization failure or deadlock, anywhere in the cause chain.
     */
    static boolean isTransient(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isTransientSql(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure says the database could not be reached (SQLState class 08, connection exception). */
    static boolean isUnreachable(Throwable failure) {
        for (var t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The store's exception for a database error, with a code by kind. */
    static StoreException translate(SQLException e, String during) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("append-only")) {
            return new StoreException(StoreException.Code.LEDGER_APPEND_ONLY, message, e);
        }
        var state = e.getSQLState();
        boolean unavailable = isTransientSql(e) || e instanceof SQLTransientException
                || (state != null && state.startsWith("08"));
        return new StoreException(unavailable ? StoreException.Code.DATABASE_UNAVAILABLE
                : StoreException.Code.DATABASE_ERROR, during + ": " + message, e);
    }

    private static boolean isTransientSql(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
        }
        var state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }
}
