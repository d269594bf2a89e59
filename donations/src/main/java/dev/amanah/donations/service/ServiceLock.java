package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Dialect;
import dev.amanah.donations.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
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
 * <p>Should that session end while the service runs (PostgreSQL restarted, the backend terminated,
 * a network cut), the lock is gone with it: {@link LockWatchdog} notices and takes it again through
 * {@link #retake}, which says who holds it when it cannot.
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

    private static final ServiceLock NONE = new ServiceLock(null, 0, "");

    private final Connection session;
    private final int backend;
    // With the pid, tells this session from a later one given the same pid (after a restart, say).
    private final String backendStart;

    /** A lock held by {@code session}; not private so a test can give the watchdog a session that fails as it wishes. */
    ServiceLock(Connection session, int backend, String backendStart) {
        this.session = session;
        this.backend = backend;
        this.backendStart = backendStart;
    }

    /** What {@link #retake} found. */
    sealed interface Retake {
        /** Taken again, on a new session. */
        record Taken(ServiceLock lock) implements Retake {
        }

        /**
         * Still held by the former session: PostgreSQL has not yet seen it end (a network cut). No
         * other service can take it meanwhile.
         */
        record HeldByFormerSession() implements Retake {
        }

        /** Held by another session: another service (or someone by hand) took the database. */
        record HeldByAnother(int pid, String application) implements Retake {
        }

        /** PostgreSQL could not be asked, or let go of the lock between the try and the look at who held it. */
        record NotAnswered(String why) implements Retake {
        }
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
        ServiceLock lock;
        try {
            lock = tryTake(config);
        } catch (SQLException e) {
            throw unavailable(config, e);
        }
        if (lock == null) {
            throw new StartRefused("database_in_use: another amanah service is running on " + config.shownUrl()
                    + " (one service per database: its recovery would settle the other's donations in flight)");
        }
        return lock;
    }

    /**
     * Takes the lock again on a new session, after {@code former}'s session ended; never throws.
     * Blocks for at most the driver's connect timeout; never waits for the lock itself.
     */
    static Retake retake(DatabaseConfig config, ServiceLock former) {
        try {
            var lock = tryTake(config);
            if (lock != null) {
                return new Retake.Taken(lock);
            }
            return holder(config, former);
        } catch (SQLException e) {
            return new Retake.NotAnswered(e.getMessage());
        }
    }

    /** The lock on a new session, or null (the session closed) if another session holds it. */
    private static ServiceLock tryTake(DatabaseConfig config) throws SQLException {
        var session = DriverManager.getConnection(config.jdbcUrl(), properties(config));
        try (var statement = session.prepareStatement("SELECT pg_try_advisory_lock(?), pg_backend_pid(),"
                + " (SELECT backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid())")) {
            statement.setLong(1, KEY);
            try (var rs = statement.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new ServiceLock(session, rs.getInt(2), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            closeQuietly(session, e);
            throw e;
        }
        closeQuietly(session, null);
        return null;
    }

    private static Retake holder(DatabaseConfig config, ServiceLock former) throws SQLException {
        try (var session = DriverManager.getConnection(config.jdbcUrl(), properties(config));
             var statement = session.prepareStatement("SELECT l.pid, a.application_name, a.backend_start::text FROM pg_locks l"
                     + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                     + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                     + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            statement.setLong(1, KEY);
            try (var rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return new Retake.NotAnswered("the lock was let go of between the try and the look at its holder");
                }
                int pid = rs.getInt(1);
                return pid == former.backend && Objects.equals(former.backendStart, rs.getString(3)) ? new Retake.HeldByFormerSession()
                        : new Retake.HeldByAnother(pid, String.valueOf(rs.getString(2)));
            }
        }
    }

    /**
     * Whether the lock's session still answers, within {@code timeout}; always true on SQLite. A
     * session that answers still holds the lock: only it could let go of it.
     */
    boolean held(Duration timeout) {
        if (session == null) {
            return true;
        }
        try {
            return session.isValid(Math.toIntExact(Math.max(1, timeout.toSeconds())));
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether this is a real lock (PostgreSQL), which can be lost, or SQLite's none. */
    boolean watchable() {
        return session != null;
    }

    /** The PostgreSQL backend's process id holding the lock (0 on SQLite), as {@code pg_locks.pid} shows it. */
    int backend() {
        return backend;
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

    private static StartRefused unavailable(DatabaseConfig config, SQLException e) {
        return new StartRefused(new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                "cannot take the service's lock on " + config.shownUrl() + ": " + e.getMessage(), e));
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
     * Closes the session of a lock already lost with it, without asking PostgreSQL to let go: that
     * session no longer answers (and may not until a socket timeout, after a network cut). Never
     * throws.
     */
    void abandon() {
        if (session != null) {
            closeQuietly(session, null);
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
