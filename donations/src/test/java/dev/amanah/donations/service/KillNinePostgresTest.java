package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.EmbeddedPostgresServer;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KillNineTest} on PostgreSQL: the same load, kill and audit, with the service's database a
 * real PostgreSQL server ({@link TestPostgres}) that this test JVM starts and owns, so the server outlives the service JVM that is killed, as a database server outlives an
 * application server that crashes. Each kill point gets a fresh database.
 *
 * <p>The server runs without fsync: it is never killed here, only its client is, and what a
 * committed transaction shows other sessions does not depend on the flush.
 */
class KillNinePostgresTest extends KillNineTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_kill9_");

    private String database;

    /** Two kill points by default (early, late); {@code -Dkill9.runs=N} as for SQLite. */
    static IntStream killPoints() {
        return spreadKillPoints(Integer.getInteger("kill9.runs", 2));
    }

    @BeforeEach
    void createDatabase() {
        database = postgres.createDatabase();
    }

    @Override
    String databaseName() {
        return "postgresql";
    }

    @Override
    Map<String, String> databaseEnvironment() {
        return postgres.environment(database);
    }

    @Override
    DatabaseConfig auditDatabase() {
        return DatabaseConfig.postgres(postgres.jdbcUrl(database), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.USER).withPoolSize(2);
    }
}
