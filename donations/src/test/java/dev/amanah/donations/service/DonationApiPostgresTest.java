package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every test of {@link DonationApiTest}, against PostgreSQL instead of SQLite ({@link TestPostgres}: one
 * server for the run, a fresh database for each service configuration).
 */
class DonationApiPostgresTest extends DonationApiTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_api_");

    @Override
    AmanahConfig config(Map<String, String> overrides) {
        return super.config(postgres.withFreshDatabase(overrides));
    }
}
