package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link ServiceShutdownTest}, against PostgreSQL instead of SQLite ({@link TestPostgres}: one
 * server for the run, a fresh database for each service configuration).
 */
class ServiceShutdownPostgresTest extends ServiceShutdownTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_shutdown_");

    @Override
    AmanahConfig config(Map<String, String> overrides) {
        return super.config(postgres.withFreshDatabase(overrides));
    }
}
