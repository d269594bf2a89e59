package dev.amanah.donations.auth;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.EmbeddedPostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link AuthTest}, against PostgreSQL instead of SQLite: a fresh database of the
 * run's one {@link EmbeddedPostgresServer} for each test, migrated by {@code Database.open}.
 */
class AuthPostgresTest extends AuthTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgresServer server;

    @RegisterExtension
    static final BeforeAllCallback POSTGRES = context -> server = EmbeddedPostgresServer.shared(context);

    @Override
    DatabaseConfig databaseConfig() {
        var name = "amanah_auth_" + DATABASES.incrementAndGet();
        server.createEmptyDatabase(name);
        return DatabaseConfig.postgres(server.jdbcUrl(name), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.USER);
    }
}
