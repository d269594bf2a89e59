package dev.amanah.donations.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database: a pool of connections to an SQLite file or a PostgreSQL server, migrated to the
 * current schema when opened, and the one way to run a transaction ({@link #inTransaction}).
 *
 * <h2>Opening</h2>
 * {@link #open} creates an SQLite file and its parent directories if missing, sets WAL mode,
 * {@code synchronous=NORMAL}, the busy timeout and foreign keys on every connection, then runs the
 * Flyway migrations (the shared scripts in {@code db/migration/common} plus the database's own
 * triggers in {@code db/migration/sqlite} or {@code db/migration/postgresql}). Several processes
 * may open the same database at once: on PostgreSQL Flyway serialises them with an advisory lock;
 * on SQLite, where Flyway takes no lock, they take turns on an exclusive lock of the file
 * {@code <database>.migration-lock} beside it (and on a lock of this JVM). {@code synchronous=NORMAL} in WAL mode
 * keeps every committed transaction through a crash of the process ({@code kill -9}); a power cut
 * may lose the last few commits, which the gateway's idempotency keys make safe to redo.
 *
 * <h2>Pool</h2>
 * HikariCP. SQLite has one writer at a time whatever the pool size, and nearly every transaction
 * here writes; so by default the pool holds one connection and callers queue for it in the pool
 * (a fair hand-off that parks a virtual thread) instead of in SQLite's busy handler, which sleeps
 * in growing steps inside native code and so holds a carrier thread of the virtual-thread
 * scheduler (two carriers on a two-core machine) while it waits. Every
 * SQLite transaction starts with {@code BEGIN IMMEDIATE}, taking the write lock up front, so a
 * transaction never fails half-way on a lock upgrade; other processes on the same file (or a
 * larger pool) wait up to the busy timeout and are then retried. PostgreSQL gets ten connections.
 *
 * <h2>Transactions</h2>
 * {@link #inTransaction} commits when the work returns and rolls back when it throws. A call made
 * while the same thread is already inside a transaction of this database joins it (no commit of
 * its own), so repository methods compose: several of them inside one {@code inTransaction} are
 * atomic together. A {@code DATABASE_*} or {@code LEDGER_APPEND_ONLY} error from a joined call
 * must propagate, not be caught and carried on from: PostgreSQL refuses every further statement
 * of a transaction in which a statement failed. A transaction that fails with {@code SQLITE_BUSY}/{@code SQLITE_LOCKED} or
 * PostgreSQL's serialization failure (40001) or deadlock (40P01) is rolled back and run again,
 * after a short random pause, up to {@link DatabaseConfig#maxAttempts} times in all; only the
 * outermost transaction retries. A commit that fails for one of those reasons applied nothing and
 * is retried too; a commit that fails otherwise (a lost connection) is never retried, since its
 * outcome is unknown, and surfaces as {@link StoreException.Code#DATABASE_UNAVAILABLE}.
 *
 * <p>Thread safety: all methods may be called from any number of threads (virtual or not).
 * Work inside a transaction must stay on the calling thread: another thread asking for a
 * connection while this one holds the only SQLite connection waits for the busy timeout and fails.
 */
public final class Database implements AutoCloseable {
    private final DatabaseConfig config;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    private Database(DatabaseConfig config, HikariDataSource pool) {
        this.config = config;
        this.dialect = config.dialect();
        this.pool = pool;
    }

    /**
     * Opens the database and migrates it to the current schema.
     *
     * @throws StoreException {@code DATABASE_UNAVAILABLE} if it cannot be reached or created,
     *                        {@code DATABASE_ERROR} if a migration fails
     */
    public static Database open(DatabaseConfig config) {
        var unpooled = switch (config.dialect()) {
            case SQLITE -> sqliteDataSource(config);
            case POSTGRESQL -> null;
        };
        if (unpooled != null) {
            SqliteMigrationLock.around(config.sqliteFile(), () -> migrate(config, unpooled));
        } else {
            migrate(config, null);
        }
        var hikari = new HikariConfig();
        hikari.setPoolName("amanah-" + config.dialect().name().toLowerCase());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(config.poolSize(), 2));
        hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
        hikari.setAutoCommit(true);
        if (unpooled != null) {
            hikari.setDataSource(unpooled);
        } else {
            hikari.setJdbcUrl(config.jdbcUrl());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        try {
            return new Database(config, new HikariDataSource(hikari));
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                    "cannot open a pool to " + config.jdbcUrl(), e);
        }
    }

    /** Which database this is. */
    public Dialect dialect() {
        return dialect;
    }

    /** The configuration it was opened with. */
    public DatabaseConfig config() {
        return config;
    }

    /**
     * Runs {@code work} in a transaction and returns its result; see the class comment for
     * joining, commit, rollback and retries. Blocks while waiting for a pooled connection (at most
     * the busy timeout) and while retrying.
     *
     * @throws StoreException what the work threw (after rollback), or {@code DATABASE_UNAVAILABLE}
     *                        / {@code DATABASE_ERROR} wrapping an {@link SQLException}
     * @throws RuntimeException any other unchecked exception of the work, after rollback
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        var joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "in a joined transaction");
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts() || !SqlErrors.isTransient(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** {@link #inTransaction} for work that returns nothing. */
    public void useTransaction(TransactionAction action) {
        inTransaction(connection -> {
            action.run(connection);
            return null;
        });
    }

    /** Work without a result for {@link #useTransaction}. */
    @FunctionalInterface
    public interface TransactionAction {
        /** Does the work on the transaction's connection; do not commit, roll back or close it. */
        void run(Connection connection) throws SQLException;
    }

    /** Whether the calling thread is inside a transaction of this database. */
    public boolean inTransactionNow() {
        return current.get() != null;
    }

    /**
     * Whether the database answers a trivial query within the busy timeout: for readiness checks.
     * Never throws.
     */
    public boolean isReachable() {
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, config.busyTimeout().toSeconds()));
            try (var rs = statement.executeQuery("SELECT 1")) {
                return rs.next();
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The pool itself, for code that needs raw JDBC outside the repositories (benchmarks). It
     * bypasses {@link #inTransaction}'s retries and joining.
     */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes every pooled connection; idempotent. Transactions still running fail. */
    @Override
    public void close() {
        pool.close();
    }

    private <T> T runOnce(TransactionWork<T> work) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "getting a connection");
        }
        try (connection) {
            begin(connection);
            T result;
            current.set(connection);
            try {
                result = work.run(connection);
            } catch (SQLException e) {
                rollback(connection, e);
                throw SqlErrors.translate(e, "in a transaction");
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                current.remove();
            }
            commit(connection);
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "closing a connection");
        }
    }

    private void begin(Connection connection) throws SQLException {
        try {
            if (dialect == Dialect.SQLITE) {
                // sqlite-jdbc stays in auto-commit; an explicit BEGIN IMMEDIATE takes the write lock now.
                try (var statement = connection.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                }
            } else {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "beginning a transaction");
        }
    }

    private void commit(Connection connection) {
        try {
            if (dialect == Dialect.SQLITE) {
                try (var statement = connection.createStatement()) {
                    statement.execute("COMMIT");
                }
            } else {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            rollback(connection, e);
            if (SqlErrors.isTransient(e)) {
                // Busy, or a serialization failure detected at commit: nothing was applied, a retry is safe.
                throw SqlErrors.translate(e, "committing");
            }
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                    "the commit failed; the transaction may or may not have been applied", e);
        }
    }

    private void rollback(Connection connection, Throwable cause) {
        try {
            if (dialect == Dialect.SQLITE) {
                try (var statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
            // A connection whose state is unknown must not serve another transaction.
            pool.evictConnection(connection);
        }
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            TimeUnit.MILLISECONDS.sleep(1 + ThreadLocalRandom.current().nextLong(ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE, "interrupted while retrying", e);
        }
    }

    private static SQLiteDataSource sqliteDataSource(DatabaseConfig config) {
        var file = config.sqliteFile().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                    "cannot create the directory of " + file, e);
        }
        var sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
        sqlite.enforceForeignKeys(true);
        var dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    private static void migrate(DatabaseConfig config, DataSource sqlite) {
        var dialect = config.dialect();
        var flyway = Flyway.configure()
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.vendorFolder())
                .placeholders(placeholders(dialect))
                .connectRetries(0);
        flyway = sqlite != null ? flyway.dataSource(sqlite)
                : flyway.dataSource(config.jdbcUrl(), config.user(), config.password());
        try {
            flyway.load().migrate();
        } catch (RuntimeException e) {
            var code = SqlErrors.isUnreachable(e) ? StoreException.Code.DATABASE_UNAVAILABLE : StoreException.Code.DATABASE_ERROR;
            throw new StoreException(code, "migrating " + config.jdbcUrl() + " failed: " + e.getMessage(), e);
        }
    }

    /** Column types that differ; everything else in the shared scripts is common SQL. */
    private static Map<String, String> placeholders(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> Map.of(
                    "identity", "INTEGER PRIMARY KEY AUTOINCREMENT",
                    "timestamp", "TEXT",
                    "date", "TEXT");
            case POSTGRESQL -> Map.of(
                    "identity", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
                    "timestamp", "TIMESTAMPTZ",
                    "date", "DATE");
        };
    }
}
