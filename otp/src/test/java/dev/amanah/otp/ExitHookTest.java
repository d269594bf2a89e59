package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** {@link ExitHook}: clean-up a process's death runs before its links and monitors are told. */
@InProcess.Tests
class ExitHookTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    /** What a hook saw when it ran. */
    record Ran(Pid pid, boolean aliveThen, Thread thread) {
    }

    /** Records each run in {@code runs}. */
    static final class Recording extends ExitHook {
        final ConcurrentLinkedQueue<Ran> runs = new ConcurrentLinkedQueue<>();

        @Override
        protected void exited(Pid pid) {
            runs.add(new Ran(pid, pid.isAlive(), Thread.currentThread()));
        }
    }

    /** Spawns a process that attaches {@code hook}, reports, and ends on "stop". */
    private static Pid withHook(ExitHook hook) {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            self.send(hook.attach());
            Processes.receive(m -> m.equals("stop") ? m : null);
        });
        assertReceive(m -> m.equals(true) ? m : null);
        return pid;
    }

    @Test
    void runsOnceAfterDeathAndBeforeTheDownOnTheDyingThread() {
        var hook = new Recording();
        var pid = withHook(hook);
        var ref = Processes.monitor(pid);
        pid.send("stop");
        awaitDown(ref);
        assertThat(hook.runs).singleElement().satisfies(ran -> {
            assertThat(ran.pid()).isSameAs(pid);
            assertThat(ran.aliveThen()).isFalse();
            assertThat(ran.thread()).isNotSameAs(Thread.currentThread());
        });
    }

    @Test
    void aKilledProcessRunsItOnTheKillersThreadBeforeTheKillReturns() {
        var hook = new Recording();
        var pid = withHook(hook);
        Processes.exit(pid, ExitReason.KILL);
        // The killer finishes the death: the hook has run when exit returns.
        assertThat(hook.runs).singleElement().satisfies(ran -> {
            assertThat(ran.pid()).isSameAs(pid);
            assertThat(ran.thread()).isSameAs(Thread.currentThread());
        });
    }

    @Test
    void aDetachedHookDoesNotRunAndAHookAttachesOnce() {
        var kept = new Recording();
        var dropped = new Recording();
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            kept.attach();
            dropped.attach();
            self.send(List.of(dropped.detach(), dropped.detach()));
            Processes.receive(m -> m.equals("stop") ? m : null);
        });
        List<?> detached = assertReceive(m -> m instanceof List<?> l ? l : null);
        assertThat(detached).isEqualTo(List.of(true, false));
        assertThat(kept.detach()).isFalse(); // not the caller's
        assertThatThrownBy(kept::attach).isInstanceOf(IllegalStateException.class);
        var ref = Processes.monitor(pid);
        pid.send("stop");
        awaitDown(ref);
        assertThat(kept.runs).hasSize(1);
        assertThat(dropped.runs).isEmpty();
    }

    @Test
    void anyProcessCanDiscardAHookWhichThenDoesNotRun() {
        var kept = new Recording();
        var discarded = new Recording();
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            kept.attach();
            discarded.attach();
            self.send(true);
            Processes.receive(m -> m.equals("stop") ? m : null);
        });
        assertReceive(m -> m.equals(true) ? m : null);
        assertThat(new Recording().discard()).as("never attached").isFalse();
        assertThat(discarded.discard()).isTrue(); // by another process than the one it is attached to
        assertThat(discarded.discard()).as("discarded before").isFalse();
        assertThatThrownBy(discarded::attach).isInstanceOf(IllegalStateException.class);
        var ref = Processes.monitor(pid);
        pid.send("stop");
        awaitDown(ref);
        assertThat(kept.runs).hasSize(1);
        assertThat(discarded.runs).isEmpty();
    }

    @Test
    void aHookOfADeadProcessHasRunAndCannotBeDiscarded() {
        var hook = new Recording();
        var pid = withHook(hook);
        Processes.exit(pid, ExitReason.KILL);
        assertThat(hook.discard()).isFalse();
        assertThat(hook.runs).hasSize(1);
    }

    @Test
    void aThrowingHookIsLoggedAndTheDeathGoesOn() {
        var after = new Recording();
        try (var log = CapturedLog.capture("dev.amanah.otp.exit-hook")) {
            var pid = Processes.spawn(() -> {
                after.attach(); // runs after the throwing one, attached last
                new ExitHook() {
                    @Override
                    protected void exited(Pid dead) {
                        throw new IllegalStateException("hook failed");
                    }
                }.attach();
                Processes.receive(m -> m.equals("stop") ? m : null);
            });
            var ref = Processes.monitor(pid);
            pid.send("stop");
            assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.NORMAL);
            assertThat(log.records()).singleElement()
                    .satisfies(record -> assertThat(record.getThrown()).hasMessage("hook failed"));
            assertThat(after.runs).hasSize(1);
        }
    }

    @Test
    void unlinkDeadSilencesTheLinkOfTheDeadOnly() {
        Processes.trapExits(true);
        try {
            var self = Processes.self();
            var pid = Processes.spawn(() -> {
                Processes.link(self);
                new ExitHook() {
                    @Override
                    protected void exited(Pid dead) {
                        unlinkDead(dead, self);
                    }
                }.attach();
                ExitHook.unlinkDead(Processes.self(), self); // alive: does nothing
                self.send("ready");
                Processes.receive(m -> m.equals("stop") ? m : null);
                throw new IllegalStateException("abnormal end, which a link would report");
            });
            assertReceive(m -> m.equals("ready") ? m : null);
            assertThat(Processes.info(pid).orElseThrow().links()).containsExactly(self); // still linked
            var ref = Processes.monitor(pid);
            try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
                pid.send("stop");
                awaitDown(ref);
            }
            refuteReceive(SHORT, m -> m instanceof Exit e && e.from() == pid ? e : null);
        } finally {
            Processes.trapExits(false);
        }
    }
}
