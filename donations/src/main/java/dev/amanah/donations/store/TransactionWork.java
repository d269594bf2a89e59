package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside one database transaction; see {@link Database#inTransaction}. It may run more
 * than once (after a busy database or a serialization failure), so it must do nothing outside the
 * database that cannot be repeated (no payment, no message sent).
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TransactionWork<T> {
    /** Does the work on the transaction's connection; do not commit, roll back or close it. */
    T run(Connection connection) throws SQLException;
}
