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
 * @param poolSize    connections in the pool: 1 by default for SQLite (its single writer; see
 *                    {@link Database}), 10 for PostgreSQL
 * @param busyTimeout how long SQLite waits for another connection's write lock before
 *                    {@code SQLITE_BUSY}, and how long any caller waits for a pooled connection
 * @param maxAttempts how many times {@link Database#inTransaction} runs a transaction that failed
 *                    with {@code SQLITE_BUSY} or a PostgreSQL serialization failure or deadlock
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize, Duration busyTimeout,
                             int maxAttempts) {

    /** The file used when nothing is configured: {@code ./data/amanah.db}, relative to the working directory. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "amanah.db");

    private static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_MAX_ATTEMPTS = 5;

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
        if (busyTimeout.isNegative() || busyTimeout.isZero()) {
            throw new IllegalArgumentException("busyTimeout must be positive, was " + busyTimeout);
        }
    }

    /** An SQLite file (created with its parent directories on first open), one pooled connection. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig("jdbc:sqlite:" + file, "", "", 1, DEFAULT_BUSY_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
    }

    /** The default: SQLite in {@link #DEFAULT_SQLITE_FILE}. */
    public static DatabaseConfig sqliteDefault() {
        return sqlite(DEFAULT_SQLITE_FILE);
    }

    /** A PostgreSQL database by JDBC URL, ten pooled connections. */
    public static DatabaseConfig postgres(String jdbcUrl, String user, String password) {
        return new DatabaseConfig(jdbcUrl, user, password, 10, DEFAULT_BUSY_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
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
        return new DatabaseConfig(jdbcUrl, user, password, size, busyTimeout, maxAttempts);
    }

    /** The same with another busy timeout. */
    public DatabaseConfig withBusyTimeout(Duration timeout) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, timeout, maxAttempts);
    }

    /** The same with another bound on transaction attempts. */
    public DatabaseConfig withMaxAttempts(int attempts) {
        return new DatabaseConfig(jdbcUrl, user, password, poolSize, busyTimeout, attempts);
    }

    /** Which database the URL names. */
    public Dialect dialect() {
        return dialectOf(jdbcUrl);
    }

    /** The SQLite file, for an SQLite URL. */
    Path sqliteFile() {
        return Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + ", busyTimeout="
                + busyTimeout + ", maxAttempts=" + maxAttempts + "]";
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
