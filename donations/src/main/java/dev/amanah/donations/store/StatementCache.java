package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept open for reuse on the connections that ask for it: SQLite's writer,
 * which runs every write of the process and would otherwise compile the same few statements
 * again for every transaction. A connection is cached only while {@linkplain #enable enabled}; any
 * other connection gets a fresh statement each time, closed after use.
 *
 * <p>Thread safety: the registry may be used from any thread; one connection's statements must be
 * used by one thread at a time (the writer's), as a JDBC connection's statements must anyway.
 */
final class StatementCache {
    /** Distinct SQL texts kept per connection; the least recently used one is closed beyond it. */
    private static final int CAPACITY = 256;
    private static final Map<Connection, Map<String, PreparedStatement>> CACHES = new IdentityHashMap<>();

    private StatementCache() {
    }

    /** Caches the statements of {@code connection} from now on. */
    static void enable(Connection connection) {
        synchronized (CACHES) {
            CACHES.put(connection, new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                    if (size() <= CAPACITY) {
                        return false;
                    }
                    closeQuietly(eldest.getValue());
                    return true;
                }
            });
        }
    }

    /** Stops caching for {@code connection} and closes its cached statements; before the connection is closed. */
    static void disable(Connection connection) {
        Map<String, PreparedStatement> cache;
        synchronized (CACHES) {
            cache = CACHES.remove(connection);
        }
        if (cache != null) {
            cache.values().forEach(StatementCache::closeQuietly);
        }
    }

    /** A statement for {@code sql} on {@code c}: a cached one (parameters cleared) or a fresh one; close it after use. */
    static Prepared prepare(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> cache;
        synchronized (CACHES) {
            cache = CACHES.isEmpty() ? null : CACHES.get(c);
        }
        if (cache == null) {
            return new Prepared(c.prepareStatement(sql), false);
        }
        var statement = cache.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = c.prepareStatement(sql);
            cache.put(sql, statement);
        }
        return new Prepared(statement, true);
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
