package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.EmbeddedPostgresServer;
import dev.amanah.otp.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-service lock lost while the service runs: its PostgreSQL session ends (terminated here,
 * as a PostgreSQL restart or a network cut would end it). Free, it is taken again on a new
 * session; taken by another session first, the service stops itself rather than run beside the
 * service holding the database now, and {@code amanah serve} exits with code 1 saying so.
 */
class ServiceLockLostPostgresTest {
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres("amanah_lock_lost_");

    private static final String LOCK_SESSION = "amanah serve (one service per database)";

    @TempDir
    Path dir;

    @Test
    void a_lock_whose_session_ended_is_taken_again_on_a_new_session() throws Exception {
        var database = postgres.createDatabase();
        try (var log = new AwaitedLog("dev.amanah.donations.service")) {
            var service = AmanahService.start(TestServices.config(dir, postgres.environment(database)), Clock.systemUTC());
            try {
                var ended = lockSession(database);
                try (var admin = connect(database)) {
                    terminate(admin, ended);
                }

                log.await("event=service_lock_retaken");
                var holders = lockHolders(database);
                assertThat(holders).hasSize(1).doesNotContain(ended);
                assertThat(holders).containsExactly(lockSession(database));
                assertThat(ready(service.port())).isEqualTo(200);
                assertThat(service.stoppedForLostLock().toCompletableFuture()).isNotDone();
            } finally {
                service.stop();
            }
        }
        assertThat(lockHolders(database)).as("let go at the stop").isEmpty();
        assertThat(watchdogThreads()).as("the watchdog ends with the service").isEmpty();
    }

    @Test
    void a_lock_another_session_took_first_stops_the_service() throws Exception {
        var database = postgres.createDatabase();
        try (var log = new AwaitedLog("dev.amanah.donations.service");
             var other = connect(database)) {
            var service = AmanahService.start(TestServices.config(dir, postgres.environment(database)), Clock.systemUTC());
            try {
                var otherBackend = takeTheLockFromTheService(other, database);

                var outcome = service.stoppedForLostLock().toCompletableFuture().get(60, TimeUnit.SECONDS);

                assertThat(outcome).isInstanceOf(StopOutcome.Drained.class);
                assertThat(log.await("event=service_lock_lost")).contains("holder_backend=" + otherBackend);
                assertThat(lockHolders(database)).containsExactly(otherBackend);
                assertThat(Processes.whereis("amanah.pubsub")).as("the tree stopped").isEmpty();
                assertThat(watchdogThreads()).as("the watchdog ended").isEmpty();
            } finally {
                service.stop();
            }
        }
    }

    @Test
    void serve_exits_with_code_1_once_another_session_took_its_lock() throws Exception {
        var database = postgres.createDatabase();
        var environment = new HashMap<>(postgres.environment(database));
        environment.put("AMANAH_DATABASE_DATA_DIR", dir.resolve("data").toString());
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        var output = dir.resolve("serve.log");
        try (var serve = ServiceProcess.start(output, environment, Duration.ofSeconds(90));
             var other = connect(database)) {
            takeTheLockFromTheService(other, database);

            assertThat(serve.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(Files.readString(output))
                    .contains("event=service_lock_lost")
                    .contains("amanah serve: stopped: another service took this database's one-service lock");
        }
    }

    /**
     * Ends the service's lock session and queues {@code other} for the lock at once, before the
     * watchdog's next check could take it again; returns {@code other}'s backend.
     */
    private static int takeTheLockFromTheService(Connection other, String database) throws SQLException {
        terminate(other, lockSession(database));
        try (var statement = other.prepareStatement("SELECT pg_advisory_lock(?), pg_backend_pid()")) {
            statement.setLong(1, ServiceLock.KEY);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(2);
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.USER);
    }

    private static void terminate(Connection admin, int backend) throws SQLException {
        try (var statement = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            statement.setInt(1, backend);
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("terminated backend " + backend).isTrue();
            }
        }
    }

    /** The backend of the service's lock session, as {@code pg_stat_activity} names it. */
    private static int lockSession(String database) throws SQLException {
        try (var connection = connect(database);
             var statement = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            statement.setString(1, database);
            statement.setString(2, LOCK_SESSION);
            try (var rs = statement.executeQuery()) {
                assertThat(rs.next()).as("a lock session").isTrue();
                var pid = rs.getInt(1);
                assertThat(rs.next()).as("one lock session").isFalse();
                return pid;
            }
        }
    }

    /** The backends holding the service's lock on {@code database}. */
    private static List<Integer> lockHolders(String database) throws SQLException {
        try (var connection = connect(database);
             var statement = connection.prepareStatement("SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = ?"
                     + " AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            statement.setString(1, database);
            statement.setLong(2, ServiceLock.KEY);
            var holders = new ArrayList<Integer>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    holders.add(rs.getInt(1));
                }
            }
            return holders;
        }
    }

    private static List<Thread> watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(LockWatchdog.THREAD_NAME))
                .toList();
    }

    private static int ready(int port) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(30)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
