package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.EmbeddedPostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every test of {@link DatabaseTotalsTest}, against PostgreSQL (a fresh database for each test). */
class DatabaseTotalsPostgresTest extends DatabaseTotalsTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_totals_");

    @Override
    DatabaseConfig database() {
        return DatabaseConfig.postgres(postgres.jdbcUrl(postgres.createDatabase()), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.USER).withPoolSize(2);
    }
}
