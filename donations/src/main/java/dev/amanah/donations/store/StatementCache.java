package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of ONE connection kept open for reuse: SQLite's writer owns one for its
 * connection, which runs every write of the process and would otherwise compile the same few
 * statements again for every transaction. {@link #fresh} gives a statement of any other
 * connection, closed after use.
 *
 * <p>Not thread-safe, and needs no lock: it is used by its connection's one thread (the writer's),
 * as a JDBC connection's statements must be anyway.
 */
final class StatementCache implements AutoCloseable {
    /** Distinct SQL texts kept; the least recently used one is closed beyond it. */
    private static final int CAPACITY = 256;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    /** A cache of {@code connection}'s statements; close it before the connection. */
    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** Whether this caches the statements of {@code c}. */
    boolean owns(Connection c) {
        return c == connection;
    }

    /** A cached statement for {@code sql} (compiled now if new); close it after use, which only clears its parameters. */
    Prepared prepare(String sql) throws SQLException {
        var statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return new Prepared(statement, true);
    }

    /** A statement of a connection without a cache: closed after use. */
    static Prepared fresh(Connection c, String sql) throws SQLException {
        return new Prepared(c.prepareStatement(sql), false);
    }

    /** Closes every cached statement. */
    @Override
    public void close() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Dropping a cached statement: nothing depends on it any more.
        }
    }

    /** A statement in use: closing a cached one only clears its parameters, keeping it compiled. */
    record Prepared(PreparedStatement statement, boolean cached) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (cached) {
                statement.clearParameters();
            } else {
                statement.close();
            }
        }
    }
}
