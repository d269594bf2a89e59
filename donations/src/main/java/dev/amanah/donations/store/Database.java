package dev.amanah.donations.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
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
 * <h2>Connections: SQLite's one writer with group commit, readers, PostgreSQL's pool</h2>
 * SQLite has one writer at a time, and nearly every transaction here writes. So on SQLite every
 * {@link #inTransaction} goes to ONE writer ({@link GroupCommitWriter}, a platform thread with a
 * connection of its own): the transactions of concurrent callers wait in its queue, and it runs
 * whatever has gathered (up to {@link DatabaseConfig#maxBatch}) in one database transaction, each
 * caller's work in its own {@code SAVEPOINT} (a failing one rolls back alone and its caller gets
 * its own error), commits once, and only then answers those callers: nobody goes on before the
 * commit that holds its work. The caller's work therefore runs on the writer's thread: it must be
 * database work only (no payment, no network, no waiting for a message or for another thread's
 * transaction), and it delays every caller behind it while it runs. A caller whose transaction
 * has waited more than the busy timeout without starting gets {@code DATABASE_UNAVAILABLE} (nothing
 * ran). The writer's {@code BEGIN IMMEDIATE} takes the write lock up front, so a batch never fails
 * half-way on a lock upgrade; other processes on the same file wait up to the busy timeout, and a
 * busy batch is retried by its callers as below. {@link #read} runs read-only work on a pool of
 * reader connections (HikariCP, {@link DatabaseConfig#poolSize}, 4 by default), which WAL lets
 * read a committed snapshot while the writer writes; a read never waits for the writer. The
 * writer's commits never copy the log back into the database file (a checkpoint, with its
 * {@code fsync}s): a {@link WalCheckpointer} does that on a thread of its own. On
 * PostgreSQL (which already shares WAL flushes between concurrent commits) every transaction gets
 * a connection of the pool (10 by default), as before.
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
 * Work inside a transaction must stay on the thread it was given (on SQLite, the writer's): another
 * thread asking for a write transaction while this one's runs waits behind it, up to the busy
 * timeout, and fails.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.store");
    /**
     * Flyway and HikariCP log through SLF4J to java.util.logging (the slf4j-jdk14 provider), with
     * the service's own log: their warnings and errors, not their progress (a line per migration
     * and two per pool at every open), unless the logging configuration sets their levels. Held
     * here because java.util.logging keeps loggers weakly, and a level set on a logger that was
     * collected is lost.
     */
    private static final List<Logger> LIBRARY_LOGGERS = warningsOnly("org.flywaydb", "com.zaxxer.hikari");

    /** How often the SQLite log is copied back into the database file while there are commits. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);

    private final DatabaseConfig config;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** The after-commit actions of the transaction the thread runs the work of (set on whichever thread runs it). */
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
    private final GroupCommitWriter writer;
    private final WalCheckpointer checkpointer;
    private final SchemaVersions schema;

    private Database(DatabaseConfig config, HikariDataSource pool, DataSource sqlite, SchemaVersions schema) {
        this.config = config;
        this.schema = schema;
        this.dialect = config.dialect();
        this.pool = pool;
        if (sqlite == null) {
            this.checkpointer = null;
            this.writer = null;
        } else {
            var writerConnection = writerConnection(sqlite);
            try {
                this.checkpointer = new WalCheckpointer(sqliteConnection(sqlite, "opening the checkpointer's connection"),
                        CHECKPOINT_INTERVAL);
            } catch (RuntimeException e) {
                closeQuietly(writerConnection);
                throw e;
            }
            this.writer = new GroupCommitWriter(writerConnection, config.maxBatch(), config.busyTimeout(), this::bind,
                    checkpointer::committed);
        }
    }

    private static List<Logger> warningsOnly(String... names) {
        var loggers = new ArrayList<Logger>();
        for (var name : names) {
            if (LogManager.getLogManager().getProperty(name + ".level") == null) {
                var logger = Logger.getLogger(name);
                logger.setLevel(Level.WARNING);
                loggers.add(logger);
            }
        }
        return List.copyOf(loggers);
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
        var schema = unpooled != null ? SqliteMigrationLock.around(config.sqliteFile(), () -> migrate(config, unpooled))
                : migrate(config, null);
        var hikari = new HikariConfig();
        hikari.setPoolName("amanah-" + config.dialect().name().toLowerCase(Locale.ROOT));
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
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException(StoreException.Code.DATABASE_UNAVAILABLE,
                    "cannot open a pool to " + config.shownUrl(), e);
        }
        try {
            return new Database(config, pool, unpooled, schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The writer's connection, whose commits never checkpoint: the {@link WalCheckpointer} does. */
    private static Connection writerConnection(DataSource sqlite) {
        var connection = sqliteConnection(sqlite, "opening the writer's connection");
        try {
            WalCheckpointer.takeOverFrom(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e, "opening the writer's connection");
        }
        return connection;
    }

    private static Connection sqliteConnection(DataSource sqlite, String during) {
        try {
            return sqlite.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, during);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Failing to open: nothing was done on it.
        }
    }

    private void bind(Connection connection) {
        if (connection == null) {
            current.remove();
        } else {
            current.set(connection);
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
     * The schema's version once opened, beside the newest this binary knows: newer when a newer
     * binary migrated the database, which Flyway only warns of (its migrations are then left alone).
     */
    public SchemaVersions schema() {
        return schema;
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
            var actions = new ArrayList<Runnable>(0);
            TransactionWork<T> collecting = connection -> {
                actions.clear();   // the writer may run a unit again in a fresh transaction
                afterCommit.set(actions);
                try {
                    return work.run(connection);
                } finally {
                    afterCommit.remove();
                }
            };
            try {
                T result = writer != null ? writer.run(collecting) : runOnce(collecting, false);
                runAfterCommit(actions);
                return result;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts() || !SqlErrors.isTransient(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Runs {@code action} once the current write transaction has committed, in the thread that
     * asked for the transaction (the outermost {@link #inTransaction}), just before that call
     * returns; never if the transaction rolls back (an attempt that is retried drops the actions
     * its work registered: the new attempt's work registers them again). For what must follow a
     * commit and only a commit, such as waking a process that will read what was written. The
     * action must not block; an exception it throws is logged and does not undo the commit's
     * success. Must be called from work inside {@link #inTransaction} (not {@link #read}).
     *
     * @throws IllegalStateException outside a write transaction of this database
     */
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        var actions = afterCommit.get();
        if (actions == null) {
            throw new IllegalStateException("afterCommit outside a write transaction");
        }
        actions.add(action);
    }

    private static void runAfterCommit(List<Runnable> actions) {
        for (var action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event=after_commit_failed why=" + e, e);
            }
        }
    }

    /**
     * Runs read-only {@code work} on a consistent snapshot of what is committed, and returns its
     * result. Joins the calling thread's transaction if it is inside one (so it sees that
     * transaction's own writes). On SQLite it runs on a reader connection and never waits for the
     * writer; on PostgreSQL it is {@link #inTransaction}. The work must not write. Retries as
     * {@link #inTransaction} does; blocks while waiting for a reader (at most the busy timeout).
     *
     * @throws StoreException what the work threw, or {@code DATABASE_UNAVAILABLE} / {@code DATABASE_ERROR}
     */
    public <T> T read(TransactionWork<T> work) {
        if (writer == null || current.get() != null) {
            return inTransaction(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work, true);
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

    /**
     * A statement for {@code sql} on {@code c}, a connection this database gave: on SQLite's writer
     * a cached one (compiled once), else a fresh one. Close it after use.
     */
    StatementCache.Prepared prepare(Connection c, String sql) throws SQLException {
        return writer != null ? writer.prepare(c, sql) : StatementCache.fresh(c, sql);
    }

    /** SQLite: how many write transactions wait for the writer now (0 on PostgreSQL); for tests. */
    int queuedWrites() {
        return writer == null ? 0 : writer.queued();
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

    /**
     * Closes every connection; idempotent. Waits for the SQLite writer's running batch (up to 30 s);
     * write transactions still queued fail with {@code DATABASE_UNAVAILABLE}, nothing of them run.
     */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            checkpointer.close();
        }
        pool.close();
    }

    private <T> T runOnce(TransactionWork<T> work, boolean readOnly) {
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "getting a connection");
        }
        try (connection) {
            begin(connection, readOnly);
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

    private void begin(Connection connection, boolean readOnly) throws SQLException {
        try {
            if (dialect == Dialect.SQLITE) {
                // sqlite-jdbc stays in auto-commit; a reader's deferred BEGIN takes a snapshot at its first read.
                try (var statement = connection.createStatement()) {
                    statement.execute(readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
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
        // Else the driver matches every update's SQL against a pattern and, after each INSERT, runs
        // "SELECT last_insert_rowid()" on a new statement for getGeneratedKeys, which nothing here
        // calls: ids come back through RETURNING. That was one more statement per INSERT on the writer.
        sqlite.setGetGeneratedKeys(false);
        var dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** Migrates the database; the versions of its schema and of this binary's migrations afterwards. */
    private static SchemaVersions migrate(DatabaseConfig config, DataSource sqlite) {
        var dialect = config.dialect();
        var flyway = Flyway.configure()
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.vendorFolder())
                .placeholders(placeholders(dialect))
                .connectRetries(0);
        flyway = sqlite != null ? flyway.dataSource(sqlite)
                : flyway.dataSource(config.jdbcUrl(), config.user(), config.password());
        try {
            var loaded = flyway.load();
            loaded.migrate();
            return SchemaVersions.of(loaded.info());
        } catch (RuntimeException e) {
            var code = SqlErrors.isUnreachable(e) ? StoreException.Code.DATABASE_UNAVAILABLE : StoreException.Code.DATABASE_ERROR;
            throw new StoreException(code, "migrating " + config.shownUrl() + " failed: " + e.getMessage(), e);
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
