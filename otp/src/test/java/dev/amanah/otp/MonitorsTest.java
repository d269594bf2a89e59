package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceived;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitors: SEMANTICS.md rules M1–M3. */
@InProcess.Tests
class MonitorsTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void M1_exactlyOneDownPerMonitor() {
        var pid = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var ref = Processes.monitor(pid);
        pid.send("stop");
        var down = awaitDown(ref);
        assertThat(down.pid()).isSameAs(pid);
        assertThat(down.reason()).isEqualTo(ExitReason.NORMAL);
        refuteReceive(SHORT, m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void M1_monitoringDeadProcessDeliversNoprocAtOnce() {
        var dead = Processes.spawnMonitor(() -> { });
        awaitDown(dead.ref());
        var ref = Processes.monitor(dead.pid());
        Down down = assertReceive(Duration.ZERO, m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(down.reason()).isEqualTo(ExitReason.NOPROC);
    }

    @Test
    void M1_downCarriesTheCrash() {
        try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
            var monitored = Processes.spawnMonitor(() -> {
                throw new ArithmeticException("nisab divided by zero");
            });
            var down = awaitDown(monitored.ref());
            assertThat(down.reason()).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.exception()).hasMessage("nisab divided by zero"));
            assertThat(log.records()).hasSize(1);
        }
    }

    @Test
    void M2_twoMonitorsGiveTwoDowns() {
        var pid = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var first = Processes.monitor(pid);
        var second = Processes.monitor(pid);
        assertThat(first).isNotEqualTo(second);
        assertThat(Processes.info(pid).orElseThrow().monitoredBy()).hasSize(2);
        pid.send("stop");
        awaitDown(first);
        awaitDown(second);
    }

    @Test
    void spawnLinkMonitorLinksAndMonitorsBeforeTheBodyRunsUnderTheRefItGivesTheBody() {
        var self = Processes.self();
        boolean trapped = Processes.trapExits(true);
        try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
            var started = Processes.spawnLinkMonitor(ref -> () -> {
                self.send(ref);
                throw new IllegalStateException("ends at once");
            });
            Ref tag = assertReceive(Duration.ofSeconds(5), m -> m instanceof Ref r ? r : null);
            assertThat(tag).isSameAs(started.ref());
            var down = awaitDown(started.ref());
            assertThat(down.pid()).isSameAs(started.pid());
            assertThat(down.reason()).isInstanceOf(ExitReason.Crash.class);
            Exit exit = assertReceive(Duration.ofSeconds(5), m -> m instanceof Exit e && e.from() == started.pid() ? e : null);
            assertThat(exit.reason()).isEqualTo(down.reason());
            assertThat(log.records()).hasSize(1);
        } finally {
            Processes.trapExits(trapped);
        }
    }

    /**
     * A child linked and monitored at spawn is listed once in its parent's relations, by its
     * monitor; that entry must keep standing for the link after a demonitor (demonitors drop the
     * stale entries of an owner), so that the parent's death still takes every child down, and
     * the parent's info still lists the links.
     */
    @Test
    void aDemonitoredChildOfSpawnLinkMonitorStaysLinkedAndDiesWithItsParent() {
        var self = Processes.self();
        int children = 16;
        record Children(List<Pid> pids, List<Boolean> demonitored) {
        }
        var parent = Processes.spawn(() -> {
            var pids = new java.util.ArrayList<Pid>();
            var demonitored = new java.util.ArrayList<Boolean>();
            for (int i = 0; i < children; i++) {
                var started = Processes.spawnLinkMonitor(ref -> () -> Processes.receive(m -> null));
                pids.add(started.pid());
                // Every demonitor counts towards dropping the parent's stale entries.
                demonitored.add(Processes.demonitor(started.ref()));
            }
            self.send(new Children(List.copyOf(pids), List.copyOf(demonitored)));
            Processes.receive(m -> m.equals("die") ? m : null);
            Processes.exit(ExitReason.SHUTDOWN);
        });
        var started = assertReceive(Duration.ofSeconds(5), m -> m instanceof Children c ? c : null);
        assertThat(started.demonitored()).as("demonitor answered, for each child").hasSize(children).containsOnly(true);
        var pids = started.pids();
        assertThat(Processes.info(parent).orElseThrow().links()).containsExactlyInAnyOrderElementsOf(pids);
        assertThat(Processes.info(parent).orElseThrow().monitors()).isEmpty();
        var watches = pids.stream().map(Processes::monitor).toList();
        parent.send("die");
        for (var watch : watches) {
            assertThat(awaitDown(watch).reason()).isEqualTo(ExitReason.SHUTDOWN);
        }
    }

    /**
     * A dead process holds no monitor, as on the BEAM: one killed inside {@code monitor}, after its
     * own check and before the monitor reached the target, must not leave it there, where a
     * long-lived target (a server monitored by many short-lived callers) would keep it, listed
     * among its watchers, until it died. The kill lands while the caller waits for its own lock,
     * which {@code monitor} takes to list the monitor among the caller's, so its death's clean-up
     * finds nothing to remove yet.
     */
    @Test
    void J2_aProcessKilledWhileMonitoringLeavesNoMonitorOnItsTarget() throws InterruptedException {
        var target = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var caller = Processes.spawnMonitor(() -> {
            Processes.receive(m -> m.equals("monitor") ? m : null);
            Processes.monitor(target);
            Processes.receive(m -> m.equals("never") ? m : null);
        });
        var thread = CellLocks.threadOf(caller.pid());
        CellLocks.holding(caller.pid(), () -> {
            caller.pid().send("monitor");
            CellLocks.awaitBlockedInCell(thread, "rememberMonitor");
            Processes.exit(caller.pid(), ExitReason.KILL);
        });
        assertThat(awaitDown(caller.ref()).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(thread.join(Duration.ofSeconds(5))).as("the killed caller's thread ended").isTrue();
        assertThat(Processes.info(target).orElseThrow().monitoredBy()).as("watchers of the target").isEmpty();
        target.send("stop");
    }

    /**
     * The other order of the same race: the caller is killed after listing the monitor among its
     * own, and its death's clean-up, finding the monitor not yet on the target, has nothing to
     * take off there; the monitor, arriving afterwards, must not stay among the target's, even as
     * a removed one (no Down would come of it, but the target would keep it, and the dead
     * caller with it, until it died). The kill lands while the caller waits for the target's
     * lock, which it takes to make the target's set of watchers beyond the first.
     */
    @Test
    void J2_aProcessKilledAfterListingAMonitorLeavesNoneOnItsTarget() throws Exception {
        var target = Processes.spawnMonitor(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var caller = Processes.spawnMonitor(() -> {
            Processes.receive(m -> m.equals("monitor") ? m : null);
            Processes.monitor(target.pid());
            Processes.receive(m -> m.equals("never") ? m : null);
        });
        var thread = CellLocks.threadOf(caller.pid());
        CellLocks.holding(target.pid(), () -> {
            caller.pid().send("monitor");
            CellLocks.awaitBlockedInCell(thread, "addMonitor");
            Processes.exit(caller.pid(), ExitReason.KILL);
        });
        assertThat(awaitDown(caller.ref()).reason()).isEqualTo(ExitReason.KILLED);
        assertThat(thread.join(Duration.ofSeconds(5))).as("the killed caller's thread ended").isTrue();
        assertThat(monitorsKeptBy(target.pid())).as("monitors the target keeps, this test's included").isEqualTo(1);
        target.pid().send("stop");
        awaitDown(target.ref());
    }

    /** How many monitors {@code pid}'s process keeps, active or removed: only removed ones are invisible to info. */
    private static int monitorsKeptBy(Pid pid) throws ReflectiveOperationException {
        var cell = pid.cell;
        var beyondFirst = ProcessCell.class.getDeclaredMethod("monitoredBy");
        beyondFirst.setAccessible(true);
        var more = (java.util.Set<?>) beyondFirst.invoke(cell);
        return (cell.firstWatcher == null ? 0 : 1) + (more == null ? 0 : more.size());
    }

    @Test
    void M3_demonitorFlushRemovesQueuedDown() {
        var monitored = Processes.spawnMonitor(() -> { });
        // Wait for the Down with a second monitor, so the first monitor's Down is surely queued.
        var witness = Processes.monitor(monitored.pid());
        awaitDown(witness);
        assertThat(Processes.demonitor(monitored.ref(), true)).isFalse();
        refuteReceived(m -> m instanceof Down d && d.ref() == monitored.ref() ? d : null);
    }

    @Test
    void M3_demonitorStopsFutureDown() {
        var pid = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var ref = Processes.monitor(pid);
        assertThat(Processes.demonitor(ref)).isTrue();
        assertThat(Processes.info(pid).orElseThrow().monitoredBy()).isEmpty();
        var witness = Processes.monitor(pid);
        pid.send("stop");
        awaitDown(witness);
        refuteReceived(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void M3_demonitorOfInactiveRefIsNoOp() {
        assertThat(Processes.demonitor(new Ref(), true)).isFalse();
        var monitored = Processes.spawnMonitor(() -> { });
        awaitDown(monitored.ref());
        assertThat(Processes.demonitor(monitored.ref())).isFalse();
    }

    @Test
    void monitorsAreListedOnBothSides() {
        var pid = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var ref = Processes.monitor(pid);
        assertThat(Processes.info(Processes.self()).orElseThrow().monitors()).containsExactly(pid);
        assertThat(Processes.info(pid).orElseThrow().monitoredBy()).containsExactly(Processes.self());
        pid.send("stop");
        awaitDown(ref);
        assertThat(Processes.info(Processes.self()).orElseThrow().monitors()).isEmpty();
    }

    @Test
    void M1_messagesSentBeforeDeathArriveBeforeTheDown() {
        // A killed process may be in the middle of a send: its message must still come first.
        for (int round = 0; round < 100; round++) {
            var self = Processes.self();
            var sender = Processes.spawn(() -> {
                for (int i = 0; i < 5_000; i++) {
                    self.send(i);
                }
                Processes.receive();
            });
            var ref = Processes.monitor(sender);
            Processes.receive(m -> m instanceof Integer i ? i : null);
            Processes.exit(sender, ExitReason.KILL);
            int last = -1;
            for (;;) {
                Object message = Processes.receive(Duration.ofSeconds(5));
                if (message instanceof Down down && down.ref() == ref) {
                    break;
                }
                assertThat(message).isInstanceOf(Integer.class);
                assertThat((Integer) message).isGreaterThan(last);
                last = (Integer) message;
            }
            assertThat(Processes.receive(Duration.ZERO)).as("a message after the Down").isNull();
        }
    }
}
