package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.DatabaseConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's own check failing in a way it does not expect, on a lock session scripted here
 * (no PostgreSQL): the watchdog caught {@link SQLException} only, so anything else ended its
 * thread silently, and the service ran on unwatched while {@code /ready} still called the lock held.
 */
class LockWatchdogTest {
    private static final String LOGGER = "dev.amanah.donations.service";

    @Test
    void a_check_failing_unexpectedly_is_logged_and_the_watchdog_keeps_watching() throws Exception {
        var answer = new CountDownLatch(1);
        var thirdCheck = new CountDownLatch(1);
        var session = session(call -> switch (call) {
            case 1 -> throw new IllegalStateException("the driver's own bug");
            case 2 -> await(answer);
            default -> {
                thirdCheck.countDown();
                yield true;
            }
        });
        try (var log = new AwaitedLog(LOGGER);
             var watchdog = LockWatchdog.watch(new ServiceLock(session.connection(), 42, "start"), unusedConfig(), () -> { })) {
            assertThat(log.await("event=service_lock_check_failed")).contains("the driver's own bug");
            assertThat(watchdog.held()).as("not known to be held while the check fails").isFalse();
            answer.countDown();
            assertThat(thirdCheck.await(10, TimeUnit.SECONDS)).as("the watchdog checked on").isTrue();
            assertThat(watchdog.held()).as("held again once a check passes").isTrue();
        }
        assertThat(watchdogThreads()).as("the watchdog ends at its close").isZero();
    }

    @Test
    void an_error_in_a_check_is_logged_and_the_lock_is_no_longer_called_held() throws Exception {
        var session = session(call -> {
            throw new LinkageError("a driver class failed to load");
        });
        try (var log = new AwaitedLog(LOGGER);
             var watchdog = LockWatchdog.watch(new ServiceLock(session.connection(), 42, "start"), unusedConfig(), () -> { })) {
            assertThat(log.await("event=service_lock_watchdog_died")).contains("a driver class failed to load");
            assertThat(watchdog.held()).as("/ready must not call an unwatched lock held").isFalse();
        }
        assertThat(session.calls()).as("no check after the error").hasValue(1);
        assertThat(watchdogThreads()).isZero();
    }

    /** A lock session whose {@code isValid} answers {@code check(n)} at its n-th call; it cannot run statements. */
    private static ScriptedSession session(IntPredicate check) {
        var calls = new AtomicInteger();
        var connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> check.test(calls.incrementAndGet());
                    case "close" -> null;
                    // the unlock at the watchdog's close: refused, as by a session that ended
                    case "prepareStatement" -> throw new SQLException("a scripted session runs no statement");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new ScriptedSession(connection, calls);
    }

    private record ScriptedSession(Connection connection, AtomicInteger calls) {
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A configuration only a retake would use: these sessions never lose the lock. */
    private static DatabaseConfig unusedConfig() {
        return DatabaseConfig.sqlite(Path.of("never-opened.db"));
    }

    private static long watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(LockWatchdog.THREAD_NAME)).count();
    }
}
