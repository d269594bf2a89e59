package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Processes#sendOnExit}: the message a process leaves is sent as it ends, whatever the
 * reason, before anything that tells its recipient of the end; in every way the end can tell it
 * (a link's Exit, a monitor's Down, both, neither).
 */
@InProcess.Tests
class SendOnExitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theMessageComesBeforeTheDownOfAMonitor() {
        var self = Processes.self();
        var child = Processes.spawnMonitor(() -> Processes.sendOnExit(self, "last words"));
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        assertThat(Processes.receive(WAIT)).isInstanceOfSatisfying(Down.class,
                down -> assertThat(down.reason()).isEqualTo(ExitReason.NORMAL));
        assertThat(child.pid().isAlive()).isFalse();
    }

    @Test
    void theMessageComesBeforeTheExitAndTheDownOfALinkedMonitoredProcessThatTrapsExits() {
        var self = Processes.self();
        Processes.trapExits(true);
        try {
            var child = Processes.spawnLinkMonitor(ref -> () -> Processes.sendOnExit(self, "last words"));
            assertThat(Processes.receive(WAIT)).isEqualTo("last words");
            assertThat(Processes.receive(WAIT)).isEqualTo(new Exit(child.pid(), ExitReason.NORMAL));
            assertThat(Processes.receive(WAIT)).isInstanceOfSatisfying(Down.class,
                    down -> assertThat(down.ref()).isSameAs(child.ref()));
        } finally {
            Processes.trapExits(false);
        }
    }

    @Test
    void theMessageComesBeforeTheDownWhenTheLinkIsIgnored() {
        var self = Processes.self();
        var child = Processes.spawnLinkMonitor(ref -> () -> Processes.sendOnExit(self, "last words"));
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        assertThat(Processes.receive(WAIT)).isInstanceOfSatisfying(Down.class,
                down -> assertThat(down.ref()).isSameAs(child.ref()));
        assertMailboxEmpty();
    }

    @Test
    void theMessageComesAloneToALinkedProcessThatDemonitored() {
        var self = Processes.self();
        var go = new CountDownLatch(1);
        var child = leaveWordsThenWait(self, go);
        assertThat(Processes.demonitor(child.ref())).isTrue();
        go.countDown();
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        awaitEnd(child.pid());
        assertMailboxEmpty();
    }

    @Test
    void theMessageComesBeforeTheDownOfAMonitorTakenAfterUnlinking() {
        var self = Processes.self();
        var go = new CountDownLatch(1);
        var child = leaveWordsThenWait(self, go);
        Processes.unlink(child.pid());
        assertThat(Processes.demonitor(child.ref())).isTrue();
        var watch = Processes.monitor(child.pid());
        go.countDown();
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        assertThat(awaitDown(watch).reason()).isEqualTo(ExitReason.NORMAL);
        assertMailboxEmpty();
    }

    @Test
    void aProcessThatNeitherLinksNorMonitorsGetsTheMessageToo() {
        var self = Processes.self();
        var child = Processes.spawn(() -> Processes.sendOnExit(self, "last words"));
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        assertMailboxEmpty();
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aCrashAfterwardsStillSendsTheMessageBeforeTheDown() {
        var self = Processes.self();
        try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
            Processes.spawnMonitor(() -> {
                Processes.sendOnExit(self, "last words");
                throw new IllegalStateException("crashes after leaving its words");
            });
            assertThat(Processes.receive(WAIT)).isEqualTo("last words");
            assertThat(Processes.receive(WAIT)).isInstanceOfSatisfying(Down.class,
                    down -> assertThat(down.reason()).isInstanceOf(ExitReason.Crash.class));
            assertThat(log.records()).hasSize(1);
        }
    }

    @Test
    void aProcessKilledAfterLeavingItsWordsStillSendsThemBeforeTheDown() {
        var self = Processes.self();
        var child = Processes.spawnMonitor(() -> {
            Processes.sendOnExit(self, "last words");
            self.send("left");
            Processes.receive(); // waits to be killed
        });
        assertThat(Processes.receive(WAIT)).isEqualTo("left");
        Processes.exit(child.pid(), ExitReason.KILL);
        assertThat(Processes.receive(WAIT)).isEqualTo("last words");
        assertThat(Processes.receive(WAIT)).isInstanceOfSatisfying(Down.class,
                down -> assertThat(down.reason()).isEqualTo(ExitReason.KILLED));
    }

    @Test
    void aKilledProcessCannotLeaveWordsAndNoneAreSent() {
        var self = Processes.self();
        var killed = new CountDownLatch(1);
        var thrown = new AtomicReference<Throwable>();
        var tried = new CountDownLatch(1);
        var child = Processes.spawnMonitor(() -> {
            self.send("running");
            awaitLatch(killed); // the kill interrupts it; it goes on to try
            try {
                Processes.sendOnExit(self, "last words");
            } catch (Throwable t) {
                thrown.set(t);
                tried.countDown();
                throw t;
            }
            tried.countDown();
        });
        assertThat(Processes.receive(WAIT)).isEqualTo("running");
        Processes.exit(child.pid(), ExitReason.KILL);
        assertThat(awaitDown(child.ref()).reason()).isEqualTo(ExitReason.KILLED);
        killed.countDown();
        awaitLatch(tried);
        assertThat(thrown.get()).isInstanceOf(ExitException.class);
        assertMailboxEmpty();
    }

    @Test
    void messagesLeftByEveryCallAreSentInTheOrderLeftBeforeTheExitAndTheDown() {
        var self = Processes.self();
        var other = Processes.spawnMonitor(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        Processes.trapExits(true);
        try {
            var child = Processes.spawnLinkMonitor(ref -> () -> {
                Processes.sendOnExit(self, "first");
                Processes.sendOnExit(other.pid(), "stop");
                Processes.sendOnExit(self, "last");
            });
            // The other process's Down may come between them: it is another sender's, unordered.
            Matcher<Object> fromChild = m -> m instanceof Down d && d.ref() == other.ref() ? null : m;
            assertThat(Processes.receive(WAIT, fromChild)).isEqualTo("first");
            assertThat(Processes.receive(WAIT, fromChild)).isEqualTo("last");
            assertThat(Processes.receive(WAIT, fromChild)).isEqualTo(new Exit(child.pid(), ExitReason.NORMAL));
            assertThat(Processes.receive(WAIT, fromChild)).isInstanceOfSatisfying(Down.class,
                    down -> assertThat(down.ref()).isSameAs(child.ref()));
            assertThat(awaitDown(other.ref()).reason()).isEqualTo(ExitReason.NORMAL); // it got its "stop"
        } finally {
            Processes.trapExits(false);
        }
        assertMailboxEmpty();
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> Processes.sendOnExit(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Processes.sendOnExit(Processes.self(), null)).isInstanceOf(NullPointerException.class);
    }

    /** A process linked to and monitored by the caller that leaves words for {@code to}, then waits for {@code go}. */
    private static Monitored leaveWordsThenWait(Pid to, CountDownLatch go) {
        return Processes.spawnLinkMonitor(ref -> () -> {
            Processes.sendOnExit(to, "last words");
            awaitLatch(go);
        });
    }

    /** Waits for {@code pid} to end, by a monitor of its own, which leaves no message behind. */
    private static void awaitEnd(Pid pid) {
        awaitDown(Processes.monitor(pid));
    }

    /** Waits for {@code latch}; a kill's interrupt does not end the wait, so a killed process may go on to try. */
    private static void awaitLatch(CountDownLatch latch) {
        for (;;) {
            try {
                if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("latch not released within " + WAIT);
                }
                return;
            } catch (InterruptedException e) {
                // a kill's interrupt: keep waiting
            }
        }
    }
}
