package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Dialect;
import dev.amanah.donations.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One service per PostgreSQL database. Start-up recovery and the distribution runs take every
 * donation or payout in flight in the database for their own service's, left by a previous run; a
 * second service on the same database would settle or fail what the first is still processing.
 * So a service holds PostgreSQL's session-level advisory lock {@link #KEY} for its whole life, on
 * a connection of its own, outside the pool (whose connections come and go); PostgreSQL lets go of
 * it when that session ends, so a killed service does not keep the database from the next one
 * (once the server has seen the connection drop: a start at that very moment may be refused).
 *
 * <p>SQLite needs none of this: there the database lives in the data directory, whose sandbox
 * journal already admits one service. The one-shot commands take no lock: they run no recovery and
 * work beside a running service.
 */
final class ServiceLock implements AutoCloseable {
    /** The advisory lock's key: "amanah" in ASCII. Documented in the README; never change it. */
    static final long KEY = 0x616D616E6168L;

    /** What PostgreSQL's {@code pg_stat_activity} shows as the holding session's application. */
    private static final String APPLICATION_NAME = "amanah serve (one service per database)";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.service");

    private static final ServiceLock NONE = new ServiceLock(null);

    private final Connection session;

    private ServiceLock(Connection session) {
        this.session = session;
    }

    /**
     * Takes the lock of the PostgreSQL database {@code config} names, or nothing on SQLite. Blocks
     * for at most the driver's connect timeout; never waits for the lock itself.
     *
     * @throws StartRefused {@code database_in_use} if another session holds it (nothing is left
     *                      open), or {@code DATABASE_UNAVAILABLE} if it cannot be asked
     */
    static ServiceLock take(DatabaseConfig config) {
        if (config.dialect() != Dialect.POSTGRESQL) {
            return NONE;
        }
        Connection session;
        try {
            session = DriverManager.getConnection(config.jdbcUrl(), properties(config));
        } catch (SQLException e) {
            throw unavailable(config, e);
        }
        boolean taken;
        try (var statement = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (var rs = statement.executeQuery()) {
                rs.next();
                taken = rs.getBoolean(1);
            }
        } catch (SQLException e) {
            closeQuietly(session, e);
            throw unavailable(config, e);
        }
        if (!taken) {
            closeQuietly(session, null);
            throw new StartRefused("database_in_use: another amanah service is running on " + withoutParameters(config.jdbcUrl())
                    + " (one service per database: its recovery would settle the other's donations in flight)");
        }
        return new ServiceLock(session);
    }

    private static Properties properties(DatabaseConfig config) {
        var properties = new Properties();
        // Left out when empty, so that a user and password given in the URL count.
        if (!config.user().isEmpty()) {
            properties.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }

    // The URL's parameters may hold a password; the host, port and database say which one it is.
    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static StartRefused unavailable(DatabaseConfig config, SQLException e) {
        return new StartRefused(new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                "cannot take the service's lock on " + withoutParameters(config.jdbcUrl()) + ": " + e.getMessage(), e));
    }

    private static void closeQuietly(Connection session, Exception cause) {
        try {
            session.close();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Lets go of the lock and ends its session; never throws. Returns once PostgreSQL has let go:
     * a service started right after this one stopped is not refused.
     */
    @Override
    public void close() {
        if (session == null) {
            return;
        }
        // Closing alone would end the session only once the server has read the goodbye, after this returns.
        try (var statement = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "event=service_lock_release_failed why=" + e.getMessage()
                    + " (PostgreSQL lets go when the session ends)");
        } finally {
            closeQuietly(session, null);
        }
    }
}
