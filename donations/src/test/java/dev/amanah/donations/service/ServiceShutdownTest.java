package dev.amanah.donations.service;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the service always ends. A process of its tree that ignores its stop holds the tree
 * for {@code timeouts.shutdown} at most: then one ERROR names it, the tree is killed, and the
 * journal and the database are closed all the same. With nothing stuck, the stop drains as
 * before and logs no such thing.
 */
@InProcess.Tests
class ServiceShutdownTest {
    // Only a stop that hangs fails this bound; a stop that works takes well under a second past the HTTP drain.
    private static final long STOP_BOUND_SECONDS = 30;

    @TempDir
    Path dir;

    /** The service's configuration: SQLite in {@link #dir}; a subclass may choose another database. */
    AmanahConfig config(Map<String, String> overrides) {
        return TestServices.config(dir, overrides);
    }

    @Test
    void a_child_that_ignores_its_stop_cuts_the_drain_short_after_the_timeout_and_the_database_is_closed() throws Exception {
        var release = new CountDownLatch(1);
        try (var log = CapturedLog.capture("dev.amanah.donations.service");
             var stopper = Executors.newVirtualThreadPerTaskExecutor()) {
            var service = AmanahService.start(config(Map.of("AMANAH_TIMEOUTS_SHUTDOWN", "300ms")), Clock.systemUTC());
            // Started last, so stopped first: the root waits on it, for ever, before any other child.
            Supervisor.startChild(service.supervisor(), StuckServer.childSpec(Processes.self(), release));
            var stuck = Processes.whereis(StuckServer.NAME).orElseThrow();
            var stuckEnded = Processes.monitor(stuck);
            var processorEnded = Processes.monitor(Processes.whereis("donations.processor").orElseThrow());
            try {
                var stopping = stopper.submit(() -> service.stop());
                try {
                    stopping.get(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("stop() had not returned " + STOP_BOUND_SECONDS + " s after it was called"
                            + " with timeouts.shutdown at 300ms", e);
                }

                assertReceive(message -> message instanceof StuckServer.Terminating(var name) ? name : null);
                assertThat(log.lines()).filteredOn(line -> line.contains("event=shutdown_cut_short")).singleElement()
                        .satisfies(line -> assertThat(line).contains(" SEVERE ", "root=" + service.supervisor(),
                                stuck + " name=" + StuckServer.NAME, StuckServer.class.getName() + ".terminate",
                                "the drain was cut short"));
                assertThat(Processes.isAlive(service.supervisor())).isFalse();
                // The rest of the tree went down with its killed root.
                assertReceive(message -> message instanceof Down down && down.ref().equals(processorEnded) ? down : null);
                assertThat(service.database().isReachable()).isFalse();
            } finally {
                release.countDown();
            }
            assertReceive(message -> message instanceof Down down && down.ref().equals(stuckEnded) ? down : null);
        }
    }

    @Test
    void a_tree_that_had_already_ended_is_said_so_and_the_database_is_closed_all_the_same() {
        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
            // As when the root gives up after too many restarts: nothing restarts it, and the service runs on.
            var rootEnded = Processes.monitor(service.supervisor());
            Processes.exit(service.supervisor(), ExitReason.KILL);
            assertReceive(message -> message instanceof Down down && down.ref().equals(rootEnded) ? down : null);

            var outcome = service.stop();

            assertThat(outcome).isEqualTo(new StopOutcome.Ended(ExitReason.NOPROC));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(" WARNING ",
                    "event=tree_already_ended root=" + service.supervisor() + " reason=noproc"));
            assertThat(service.database().isReachable()).isFalse();
        }
    }

    @Test
    void with_nothing_stuck_the_stop_drains_and_logs_no_cut_short() {
        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var service = AmanahService.start(config(Map.of("AMANAH_TIMEOUTS_SHUTDOWN", "30s")), Clock.systemUTC());
            var processor = Processes.whereis("donations.processor").orElseThrow();

            assertThat(service.stop()).isEqualTo(new StopOutcome.Drained());

            assertThat(log.lines()).noneMatch(line -> line.contains("event=shutdown_cut_short"))
                    .anyMatch(line -> line.contains("event=service_stopped tree=drained"));
            assertThat(Processes.isAlive(processor)).isFalse();
            assertThat(Processes.isAlive(service.supervisor())).isFalse();
            assertThat(service.database().isReachable()).isFalse();
        }
    }
}
