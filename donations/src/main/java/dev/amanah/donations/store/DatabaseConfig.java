package dev.amanah.donations.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how it is used. Build one with {@link #sqlite(Path)},
 * {@link #sqliteDefault()}, {@link #postgres(String, String, String)} or {@link #fromUrl}.
 *
 * @param jdbcUrl     {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db}
 * @param user        PostgreSQL user (ignored by SQLite; may be empty)
 * @param password    PostgreSQL password (ignored by SQLite; may be empty)
 * @param poolSize    connections in the pool: on SQLite the readers' connections (4 by default;
 *                    every write goes through the one writer, see {@link Database}), on PostgreSQL
 *                    every transaction's (10 by default)
 * @param busyTimeout how long SQLite waits for another connection's write lock before
 *                    {@code SQLITE_BUSY}, and how long any caller waits for a pooled connection
 * @param maxAttempts how many times {@link Database#inTransaction} runs a transaction that failed
 *                    with {@code SQLITE_BUSY} or a PostgreSQL serialization failure or deadlock
 * @param maxBatch    SQLite: at most this many callers' write transactions share one commit
 *                    (group commit, see {@link Database}); 1 gives each its own. Ignored by PostgreSQL
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, Duration busyTimeout,
                             int maxAttempts, int maxBatch) {

    /** The file used when nothing is configured: {@code ./data/amanah.db}, relative to the working directory. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "amanah.db");

    private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final int DEFAULT_SQLITE_READERS = 4;
    /** Enough to take every in-flight pipeline's step at once; small enough to commit within milliseconds. */
    private static final int DEFAULT_MAX_BATCH = 256;

    /** @throws IllegalArgumentException for a URL of neither database, or a non-positive size or count */
    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        dialectOf(jdbcUrl);
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
        }
        if (busyTimeout.isNegative() || busyTimeout.isZero()) {
            throw new IllegalArgumentException("busyTimeout must be positive, was " + busyTimeout);
        }
    }

    /** An SQLite file (created with its parent directories on first open), four pooled readers and the writer. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig("jdbc:sqlite:" + file, "", "", DEFAULT_SQLITE_READERS, DEFAULT_BUSY_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BATCH);
    }

    /** The default: SQLite in {@link #DEFAULT_SQLITE_FILE}. */
    public static DatabaseConfig sqliteDefault() {
        return sqlite(DEFAULT_SQLITE_FILE);
    }

    /** A PostgreSQL database by JDBC URL, ten pooled connections. */
    public static DatabaseConfig postgres(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(jdbcUrl, user, password, 10, DEFAULT_BUSY_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_MAX_BATCH);
    }

    /** Either database, chosen by the URL's prefix, with that database's defaults. */
    public static DatabaseConfig fromUrl(String jdbcUrl, String user, String password) {
        return switch (dialectOf(jdbcUrl)) {
            case SQLITE -> sqlite(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())));
            case POSTGRESQL -> postgres(jdbcUrl, user, password);
        };
    }

    /** The same with another pool size. */
    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(jdbcUrl, user, password, size, busyTimeout, maxAttempts, maxBatch);
    }

    /** The same with another busy timeout. */
    public DatabaseConfig withBusyTimeout(Duration timeout) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, timeout, maxAttempts, maxBatch);
    }

    /** The same with another bound on transaction attempts. */
    public DatabaseConfig withMaxAttempts(int attempts) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, busyTimeout, attempts, maxBatch);
    }

    /** The same with another bound on the write transactions sharing one SQLite commit. */
    public DatabaseConfig withMaxBatch(int units) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, busyTimeout, maxAttempts, units);
    }

    /** Which database the URL names. */
    public Dialect dialect() {
        return dialectOf(jdbcUrl);
    }

    /** The SQLite file, for an SQLite URL. */
    Path sqliteFile() {
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    }

    /** The URL as lines and errors name it: {@link #shown(String)}. */
    public String shownUrl() {
        return shown(jdbcUrl);
    }

    /**
     * {@code jdbcUrl} without its parameters, as every line and error names a database: they may
     * carry a password ({@code jdbc:postgresql://host/db?password=...}, which the driver reads).
     */
    public static String shown(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "DatabaseConfig[" + shownUrl() + ", user=" + user + ", poolSize=" + poolSize + ", busyTimeout="
                + busyTimeout + ", maxAttempts=" + maxAttempts + ", maxBatch=" + maxBatch + "]";
    }

    private static Dialect dialectOf(String url) {
        if (url.startsWith("jdbc:sqlite:") && url.length() > "jdbc:sqlite:".length()) {
            return Dialect.SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Dialect.POSTGRESQL;
        }
        throw new IllegalArgumentException("not an SQLite file or PostgreSQL JDBC URL: '" + url
                + "' (expected jdbc:sqlite:<file> or jdbc:postgresql://host:port/database)");
    }
}
