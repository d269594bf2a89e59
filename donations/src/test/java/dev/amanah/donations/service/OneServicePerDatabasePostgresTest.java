package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.payment.SandboxConfig;
import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.store.EmbeddedPostgresServer;
import dev.amanah.otp.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services on one PostgreSQL database, each with its own data directory: the second start is
 * refused before its recovery could settle the first's donations in flight, and leaves nothing
 * open; once the first stops, the database is free for a new service.
 */
class OneServicePerDatabasePostgresTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_one_service_");

    @TempDir
    Path dir;

    @Test
    void a_second_service_on_the_same_database_is_refused_and_the_first_serves_on() throws Exception {
        var database = postgres.createDatabase();
        var environment = postgres.environment(database);
        var second = dir.resolve("second");
        // The first in a JVM of its own, as two `amanah serve` would be: one JVM cannot hold two trees.
        try (var first = ServiceProcess.start(dir.resolve("first.log"), firstEnvironment(environment), Duration.ofSeconds(90))) {
            // Which database, without the URL's parameters: they may hold a password.
            var url = postgres.jdbcUrl(database);
            var shown = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));

            assertThatThrownBy(() -> AmanahService.start(TestServices.config(second, environment), Clock.systemUTC()))
                    .isInstanceOf(StartRefused.class)
                    .hasMessage("database_in_use: another amanah service is running on " + shown
                            + " (one service per database: its recovery would settle the other's donations in flight)");

            // The refused start let go of its journal, and of its hold on the database: one holder, the first.
            SandboxGateway.open(second.resolve("sandbox-journal.log"), SandboxConfig.RELIABLE).close();
            assertThat(lockHolders(database)).isEqualTo(1);
            assertThat(Processes.whereis("amanah.pubsub")).as("no tree left running in this JVM").isEmpty();
            assertThat(health(first.port())).isEqualTo(200);

            first.stop();
        }

        var next = AmanahService.start(TestServices.config(second, environment), Clock.systemUTC());
        try {
            assertThat(health(next.port())).isEqualTo(200);
            assertThat(lockHolders(database)).isEqualTo(1);
        } finally {
            next.stop();
        }
        assertThat(lockHolders(database)).as("let go at the stop").isZero();
    }

    private Map<String, String> firstEnvironment(Map<String, String> database) {
        var environment = new HashMap<>(database);
        environment.put("AMANAH_DATABASE_DATA_DIR", dir.resolve("first").toString());
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        return environment;
    }

    /** How many sessions hold the service's lock on {@code database}. */
    private static int lockHolders(String database) throws Exception {
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl(database), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.USER);
             var statement = connection.prepareStatement("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?"
                     + " AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            statement.setString(1, database);
            statement.setLong(2, ServiceLock.KEY);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int health(int port) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(30)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
