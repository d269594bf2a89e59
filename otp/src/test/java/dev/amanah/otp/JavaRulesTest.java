package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceiveEquals;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The rules Java adds: SEMANTICS.md J1–J5. */
@InProcess.Tests
class JavaRulesTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void J1_processesRunOnVirtualThreads() {
        var self = Processes.self();
        Processes.spawn(() -> self.send(Thread.currentThread().isVirtual()));
        assertReceiveEquals(true);
    }

    /** A process blocked in {@code block}, which tells us when it is about to block. */
    private void assertKillIsImmediate(String what, ProcessBody block) {
        var self = Processes.self();
        var afterwards = new AtomicReference<String>();
        var unwound = new CountDownLatch(1);
        var pid = Processes.spawn(() -> {
            try {
                self.send("blocking");
                block.run();
            } finally {
                try {
                    // Runs while the stack unwinds; by then the process is already dead for others.
                    afterwards.set(Processes.isAlive(Processes.self()) ? "alive" : "dead");
                    self.send("sent after death");
                } finally {
                    unwound.countDown();
                }
            }
        });
        var name = "J2-" + what + "-" + pid.id();
        Processes.register(name, pid);
        assertReceiveEquals("blocking");
        var link = Processes.spawn(() -> {
            Processes.trapExits(true);
            Processes.link(pid);
            self.send("linked");
            self.send(Processes.receive());
        });
        assertReceiveEquals("linked");
        var ref = Processes.monitor(pid);
        Processes.exit(pid, ExitReason.KILL);
        // Dead at once, for everybody, before its thread has necessarily unwound.
        assertThat(Processes.isAlive(pid)).as(what).isFalse();
        assertThat(Processes.whereis(name)).as(what).isEmpty();
        assertThat(Processes.list()).as(what).doesNotContain(pid);
        assertThat(Processes.info(pid)).as(what).isEmpty();
        assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.KILLED);
        Exit exit = assertReceive(m -> m instanceof Exit e ? e : null);
        assertThat(exit).isEqualTo(new Exit(pid, ExitReason.KILLED));
        // Wait for the unwinding (the interrupt may take a while on a loaded machine), so that
        // the send after death has been attempted when we check that it was dropped.
        awaitUnwound(what, unwound);
        refuteReceive(SHORT, m -> m.equals("sent after death") ? m : null);
        assertThat(afterwards.get()).as(what).isEqualTo("dead");
        Processes.exit(link, ExitReason.KILL);
    }

    private static void awaitUnwound(String what, CountDownLatch unwound) {
        try {
            assertThat(unwound.await(10, TimeUnit.SECONDS)).as(what + ": the killed process unwound").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(what + ": interrupted while waiting for the killed process to unwind", e);
        }
    }

    @Test
    void J2_killedInReceiveIsDeadAtOnce() {
        assertKillIsImmediate("receive", () -> Processes.receive());
    }

    @Test
    void J2_killedInSleepIsDeadAtOnce() {
        assertKillIsImmediate("sleep", () -> Processes.sleep(Duration.ofHours(1)));
    }

    @Test
    void J2_killedInBlockingQueueIsDeadAtOnce() {
        assertKillIsImmediate("queue", () -> new LinkedBlockingQueue<>().take());
    }

    @Test
    void J2_killedInRequestIsDeadAtOnce() {
        var silent = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        assertKillIsImmediate("request", () -> Processes.request(silent, replyTo -> replyTo, Processes.INFINITY));
        silent.send("stop");
    }

    @Test
    void J2_cpuLoopCooperatesThroughCheckExit() {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            self.send("spinning");
            long sum = 0;
            for (long i = 0; ; i++) {
                sum += i;
                if ((i & 0xFFF) == 0) {
                    Processes.checkExit();
                }
            }
        });
        assertReceiveEquals("spinning");
        var ref = Processes.monitor(pid);
        long before = Processes.runningThreads();
        Processes.exit(pid, ExitReason.KILL);
        awaitDown(ref);
        awaitRunningThreadsBelow(before);
    }

    /**
     * J2 for an adopted thread (main, a test runner's or a web server's thread) killed while it
     * ran its own code, which no interrupt disturbs: its next send throws its exit and sends
     * nothing, as a spawned process's would; only its calls after that adopt it anew.
     */
    @Test
    void J2_anAdoptedThreadKilledWhileBusyStopsAtItsNextCallAndSendsNothing() throws Exception {
        var self = Processes.self();
        var adoptedPid = new AtomicReference<Pid>();
        var adopted = new CountDownLatch(1);
        var killed = new AtomicBoolean();
        var outcomes = new LinkedBlockingQueue<Object>();
        var thread = new Thread(() -> {
            adoptedPid.set(Processes.self());
            adopted.countDown();
            while (!killed.get()) {
                Thread.onSpinWait(); // busy in its own code: not parked, so not interrupted
            }
            try {
                Processes.send(self, "sent after death");
                outcomes.add("sent");
            } catch (ExitException e) {
                outcomes.add(e.reason());
            }
            var renewed = Processes.self();
            outcomes.add(renewed.equals(adoptedPid.get()) ? "the same process" : "a new process");
        }, "adopted-busy");
        thread.start();
        assertThat(adopted.await(5, TimeUnit.SECONDS)).isTrue();
        var watch = Processes.monitor(adoptedPid.get());
        Processes.exit(adoptedPid.get(), ExitReason.KILL);
        assertThat(awaitDown(watch).reason()).isEqualTo(ExitReason.KILLED);
        killed.set(true);
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(outcomes).containsExactly(ExitReason.KILLED, "a new process");
        refuteReceive(SHORT, m -> "sent after death".equals(m) ? m : null);
    }

    /**
     * J2 for an adopted thread killed inside a receive, while it runs code of its own there (a
     * matcher): not parked, so not interrupted, it must still stop at the wait that follows
     * rather than park until a message comes.
     */
    @Test
    void J2_anAdoptedThreadKilledWhileItsReceiveRunsItsMatcherStopsInsteadOfWaiting() throws Exception {
        assertAdoptedThreadKilledInsideAWaitStops(release -> {
            Processes.send(Processes.self(), "declined");
            Processes.receive(message -> {
                release.getAsBoolean();
                return null; // declined: the receive goes on to wait
            });
        });
    }

    /**
     * J2 for an adopted thread killed inside a request, while it builds the request (its own
     * code): it must stop at the wait for the answer, which never comes here (a stop request is
     * never answered either: only the server's end ends it).
     */
    @Test
    void J2_anAdoptedThreadKilledWhileItBuildsARequestStopsInsteadOfWaiting() throws Exception {
        var silent = Processes.spawn(() -> {
            for (;;) {
                Processes.receive();
            }
        });
        try {
            assertAdoptedThreadKilledInsideAWaitStops(release -> Processes.request(silent, to -> {
                release.getAsBoolean();
                return to;
            }, Processes.INFINITY));
        } finally {
            Processes.exit(silent, ExitReason.KILL);
        }
    }

    /**
     * Runs {@code wait} on a new adopted thread, kills its process while {@code wait} runs the
     * thread's own code (the supplier it is given spins until the kill is done), and asserts
     * that the wait throws the kill's exit.
     */
    private static void assertAdoptedThreadKilledInsideAWaitStops(
            java.util.function.Consumer<java.util.function.BooleanSupplier> wait) throws Exception {
        var adoptedPid = new AtomicReference<Pid>();
        var busy = new CountDownLatch(1);
        var killed = new AtomicBoolean();
        var outcome = new LinkedBlockingQueue<Object>();
        var thread = Thread.ofPlatform().start(() -> {
            adoptedPid.set(Processes.self());
            try {
                wait.accept(() -> {
                    busy.countDown();
                    while (!killed.get()) {
                        Thread.onSpinWait(); // running, not parked: the kill does not interrupt it
                    }
                    return true;
                });
                outcome.add("the wait returned");
            } catch (ExitException e) {
                outcome.add(e.reason());
            }
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        var watch = Processes.monitor(adoptedPid.get());
        Processes.exit(adoptedPid.get(), ExitReason.KILL);
        assertThat(awaitDown(watch).reason()).isEqualTo(ExitReason.KILLED);
        killed.set(true);
        try {
            assertThat(outcome.poll(10, TimeUnit.SECONDS)).as("the wait ended with the kill").isEqualTo(ExitReason.KILLED);
        } finally {
            if (thread.isAlive()) {
                Processes.send(adoptedPid.get(), "release"); // a receive left parked; a request stays parked
                thread.interrupt();
            }
        }
    }

    static void awaitRunningThreadsBelow(long limit) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Processes.runningThreads() >= limit) {
            assertThat(System.nanoTime()).as("process threads still running").isLessThan(deadline);
            Thread.yield();
        }
    }

    @Test
    void J3_foreignThreadIsAdoptedAndItsEndFiresLinksAndMonitors() throws Exception {
        var self = Processes.self();
        Processes.trapExits(true);
        var release = new CountDownLatch(1);
        var adopted = new AtomicReference<Pid>();
        var thread = Thread.ofPlatform().start(() -> {
            var pid = Processes.self();
            adopted.set(pid);
            Processes.link(self);
            self.send(pid);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var pid = assertReceive(m -> m instanceof Pid p ? p : null);
        assertThat(pid).isSameAs(adopted.get());
        assertThat(Processes.isAlive(pid)).isTrue();
        var ref = Processes.monitor(pid);
        release.countDown();
        thread.join();
        assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.NORMAL);
        Exit exit = assertReceive(m -> m instanceof Exit e ? e : null);
        assertThat(exit).isEqualTo(new Exit(pid, ExitReason.NORMAL));
    }

    @Test
    void J4_queueLengthIsExact() {
        var self = Processes.self();
        for (int i = 0; i < 1000; i++) {
            self.send(i);
        }
        assertThat(Processes.info(self).orElseThrow().messageQueueLen()).isEqualTo(1000);
        Processes.receive(m -> m.equals(500) ? m : null);
        assertThat(Processes.info(self).orElseThrow().messageQueueLen()).isEqualTo(999);
        while (Processes.receive(Duration.ZERO) != null) {
            // drain
        }
        assertThat(Processes.info(self).orElseThrow().messageQueueLen()).isZero();
    }

    @Test
    void J5_uncaughtExceptionEndsProcessWithCrashLoggedOnce() {
        try (var log = CapturedLog.capture("dev.amanah.otp.crash")) {
            var name = "J5-" + System.nanoTime();
            var self = Processes.self();
            var pid = Processes.spawn(() -> {
                Processes.register(name, Processes.self());
                self.send("registered");
                Processes.receive(m -> m.equals("crash") ? m : null);
                throw new IllegalStateException("receipt printer on fire");
            });
            assertReceiveEquals("registered");
            var ref = Processes.monitor(pid);
            pid.send("crash");
            var reason = awaitDown(ref).reason();
            assertThat(reason).isInstanceOfSatisfying(ExitReason.Crash.class,
                    crash -> assertThat(crash.exception()).hasMessage("receipt printer on fire"));
            assertThat(log.records()).hasSize(1);
            var report = log.records().getFirst();
            assertThat(report.getMessage()).contains(pid.toString(), name, "receipt printer on fire");
            assertThat(report.getThrown()).isInstanceOf(IllegalStateException.class);
            assertThat(report.getThrown().getStackTrace()).isNotEmpty();
        }
    }
}
