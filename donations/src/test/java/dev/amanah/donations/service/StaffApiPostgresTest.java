package dev.amanah.donations.service;

import dev.amanah.donations.config.AmanahConfig;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link StaffApiTest}, against PostgreSQL instead of SQLite ({@link TestPostgres}: one
 * server for the class, a fresh database for each service configuration).
 */
class StaffApiPostgresTest extends StaffApiTest {
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = TestPostgres.start("amanah_staff_");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    AmanahConfig config(Map<String, String> overrides) {
        return super.config(postgres.withFreshDatabase(overrides));
    }
}
