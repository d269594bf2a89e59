package dev.amanah.donations.service;

import dev.amanah.donations.store.EmbeddedPostgresServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PostgreSQL for the service tests that run again on it: a JUnit extension, registered as a static
 * field with {@code @RegisterExtension}, on the run's one {@link EmbeddedPostgresServer}. Each
 * class names its databases with its own prefix and gets a fresh, empty database for each service
 * configuration (the schema comes from the service's own migrations). Thread-safe once the class's
 * tests start.
 */
final class TestPostgres implements BeforeAllCallback {
    private final AtomicInteger databases = new AtomicInteger();
    private final String databasePrefix;
    private volatile EmbeddedPostgresServer server;

    /** Databases will be named {@code databasePrefix} followed by a number. */
    TestPostgres(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedPostgresServer.shared(context);
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
        server.createEmptyDatabase(name);
        return name;
    }

    /** The {@code AMANAH_DATABASE_*} variables that point the service at {@code database}. */
    Map<String, String> environment(String database) {
        return Map.of(
                "AMANAH_DATABASE_URL", jdbcUrl(database),
                "AMANAH_DATABASE_USER", EmbeddedPostgresServer.USER,
                "AMANAH_DATABASE_PASSWORD", EmbeddedPostgresServer.USER,
                "AMANAH_DATABASE_POOL_SIZE", "8");
    }

    /** The JDBC URL of {@code database}; user and password are both {@link EmbeddedPostgresServer#USER}. */
    String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }
}
