package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link PipelineCrashTest}, against PostgreSQL instead of SQLite ({@link TestPostgres}: one
 * server for the run, a fresh database for each service configuration).
 */
class PipelineCrashPostgresTest extends PipelineCrashTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_crash_");

    @Override
    AmanahConfig config(Map<String, String> overrides) {
        return super.config(postgres.withFreshDatabase(overrides));
    }
}
