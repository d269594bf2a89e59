package dev.amanah.donations.service;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.StuckServer.Terminating;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeShutdown}: a tree that stops in time stops as {@code Supervisor.stop} stops it, in
 * reverse start order, and nothing is logged; a tree with a child that ignores its stop is given
 * up on after the timeout, with one ERROR naming what is still alive, and its root is killed.
 */
@InProcess.Tests
class TreeShutdownTest {
    /** A server that traps exits, so its supervisor's stop runs its {@code terminate}, which it reports. */
    record Orderly(String name, Pid test) implements GenServer<String> {
        @Override
        public InitResult<String> init() {
            Processes.trapExits(true);
            return new Ok<>(name);
        }

        @Override
        public void terminate(ExitReason reason, String state) {
            Processes.send(test, new Terminating(name));
        }
    }

    private static ChildSpec orderly(String name, Pid test) {
        return ChildSpec.worker(name, () -> GenServer.startLink(new Orderly(name, test)));
    }

    @Test
    void a_tree_that_stops_in_time_stops_its_children_in_reverse_order_and_logs_nothing() {
        var test = Processes.self();
        var root = Supervisor.start(List.of(orderly("first", test), orderly("second", test), orderly("third", test)),
                SupervisorOptions.of(Strategy.ONE_FOR_ONE)).orElseThrow();

        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var outcome = new TreeShutdown(Duration.ofSeconds(30)).stop(root);

            assertThat(outcome).isEqualTo(new StopOutcome.Drained());
            assertThat(log.lines()).isEmpty();
        }
        assertThat(List.of(terminating(), terminating(), terminating())).containsExactly("third", "second", "first");
        assertThat(Processes.isAlive(root)).isFalse();
    }

    @Test
    void a_child_that_ignores_its_stop_is_named_in_one_error_and_the_root_is_killed_after_the_timeout() {
        var test = Processes.self();
        var release = new CountDownLatch(1);
        var root = Supervisor.start(List.of(orderly("first", test), StuckServer.childSpec(test, release)),
                SupervisorOptions.of(Strategy.ONE_FOR_ONE)).orElseThrow();
        var stuck = Processes.whereis(StuckServer.NAME).orElseThrow();
        var stuckEnded = Processes.monitor(stuck);
        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var outcome = new TreeShutdown(Duration.ofMillis(200)).stop(root);

            assertThat(terminating()).isEqualTo(StuckServer.NAME); // it was asked to stop, first (started last)
            var cut = (StopOutcome.CutShort) outcome;
            assertThat(cut.timeout()).isEqualTo(Duration.ofMillis(200));
            assertThat(cut.listedAll()).isTrue();
            assertThat(cut.stillAlive()).anySatisfy(line -> assertThat(line).startsWith(stuck + " name=" + StuckServer.NAME)
                    .contains("trap_exit=true", "at=" + StuckServer.class.getName() + ".terminate:"));
            assertThat(cut.stillAlive().getFirst()).startsWith(root.toString());
            var errors = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).map(r -> r.getMessage()).toList();
            assertThat(errors).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("event=shutdown_cut_short root=" + root + " timeout=PT0.2S")
                    .contains("the drain was cut short", "next=kill_tree", String.join("; ", cut.stillAlive())));
            assertThat(Processes.isAlive(root)).isFalse();
            // The rest of the tree saw its root die: the other child stopped, as its supervisor would have had it.
            assertThat(terminating()).isEqualTo("first");
            assertThat(Processes.isAlive(stuck)).isTrue();
        } finally {
            release.countDown();
        }
        assertReceive(message -> message instanceof Down down && down.ref().equals(stuckEnded) ? down : null);
    }

    private static String terminating() {
        return assertReceive(message -> message instanceof Terminating(var name) ? name : null);
    }
}
