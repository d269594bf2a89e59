package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceiveEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Receive, send and timers: SEMANTICS.md rules R1–R4. */
@InProcess.Tests
class ReceiveTest {
    record Donation(int id, long amount) {}

    @Test
    void R1_selectiveReceiveKeepsOthersInArrivalOrder() {
        var self = Processes.self();
        for (int id = 1; id <= 5; id++) {
            self.send(new Donation(id, id * 100L));
        }
        self.send("unrelated");
        long third = Processes.receive(m -> m instanceof Donation(var id, var amount) && id == 3 ? amount : null);
        assertThat(third).isEqualTo(300L);
        assertThat(Processes.messages()).containsExactly(new Donation(1, 100), new Donation(2, 200),
                new Donation(4, 400), new Donation(5, 500), "unrelated");
        var rest = new ArrayList<>();
        for (Object m; (m = Processes.receive(Duration.ZERO)) != null; ) {
            rest.add(m);
        }
        assertThat(rest).containsExactly(new Donation(1, 100), new Donation(2, 200), new Donation(4, 400),
                new Donation(5, 500), "unrelated");
    }

    @Test
    void R1_messagesFromOneSenderArriveInOrder() {
        var self = Processes.self();
        Processes.spawn(() -> {
            for (int i = 0; i < 10_000; i++) {
                self.send(i);
            }
        });
        for (int i = 0; i < 10_000; i++) {
            assertThat(Processes.receive(Duration.ofSeconds(5))).isEqualTo(i);
        }
    }

    @Test
    void R1_failingMatcherLosesNothing() {
        Processes.self().send("poison");
        assertThatThrownBy(() -> Processes.receive(Duration.ZERO, m -> {
            throw new IllegalStateException("matcher bug");
        })).hasMessage("matcher bug");
        assertThat(Processes.messages()).containsExactly("poison");
    }

    @Test
    void R2_zeroTimeoutChecksWithoutWaiting() {
        assertThat(Processes.receive(Duration.ZERO)).isNull();
        Object answer = Processes.receive(Duration.ZERO, m -> m, () -> "after");
        assertThat(answer).isEqualTo("after");
        Processes.self().send("here");
        assertThat(Processes.receive(Duration.ZERO)).isEqualTo("here");
    }

    @Test
    void R2_infinityWaitsUntilAMessageComes() {
        var self = Processes.self();
        var sender = Processes.spawn(() -> {
            Processes.receive(m -> m.equals("go") ? m : null);
            self.send("late but welcome");
        });
        Processes.sendAfter(sender, "go", Duration.ofMillis(20));
        String message = Processes.receive(Processes.INFINITY, m -> m instanceof String s ? s : null);
        assertThat(message).isEqualTo("late but welcome");
    }

    @Test
    void R3_sendToDeadPidIsDropped() {
        var dead = Processes.spawnMonitor(() -> { });
        ExitSignalsTest.awaitDown(dead.ref());
        dead.pid().send("into the void");
        assertThat(Processes.info(dead.pid())).isEmpty();
    }

    @Test
    void R3_sendToUnregisteredNameFails() {
        assertThatThrownBy(() -> Processes.send("no_such_server", "hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_server");
    }

    @Test
    void R4_sendAfterDeliversAndCancelReportsTimeLeft() {
        var self = Processes.self();
        var timer = Processes.sendAfter(self, "tick", Duration.ofMillis(10));
        assertReceiveEquals("tick");
        assertThat(Processes.cancelTimer(timer)).isEmpty();
        var later = Processes.sendAfter(self, "never", Duration.ofHours(1));
        var left = Processes.cancelTimer(later).orElseThrow();
        assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
        assertThat(Processes.cancelTimer(later)).isEmpty();
    }

    @Test
    void R4_timerIsCancelledWhenPidDestinationExits() {
        var target = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        var timer = Processes.sendAfter(target, "hello", Duration.ofHours(1));
        var ref = Processes.monitor(target);
        target.send("stop");
        ExitSignalsTest.awaitDown(ref);
        assertThat(timer.remaining()).isEmpty();
        assertThat(Processes.cancelTimer(timer)).isEmpty();
        var toDead = Processes.sendAfter(target, "hello", Duration.ofHours(1));
        assertThat(toDead.remaining()).isEmpty();
    }

    /**
     * R4: a timer cancelled by its target's death while {@code sendAfter} is still scheduling it
     * (after it remembered the timer, before the timer queue has it) leaves nothing queued; else
     * the queue holds it, and its message, for the whole delay. Deterministic: the test holds the
     * timer queue's lock, through the {@code equals} of an object it asks the queue to remove,
     * which the queue calls under that lock; {@code sendAfter} waits there to schedule the timer
     * while the test kills the target, then goes on.
     */
    @Test
    void R4_aTimerCancelledWhileItIsBeingScheduledLeavesNothingQueued() throws Exception {
        var queue = Node.timers().getQueue();
        var farOff = Duration.ofDays(1000); // no other timer is this far off: it tells ours apart
        var self = Processes.self();
        var keep = Processes.sendAfter(self, "never", Duration.ofHours(1)); // remove compares only with what is queued
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = new Thread(() -> queue.remove(new Object() {
            @Override
            public boolean equals(Object other) {
                if (holding.getCount() > 0) {
                    holding.countDown();
                    awaitQuietly(release);
                }
                return false;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }), "timer-queue-holder");
        var target = Processes.spawn(() -> Processes.receive(m -> "stop".equals(m) ? m : null));
        Pid scheduler = null;
        try {
            holder.start();
            assertThat(holding.await(5, TimeUnit.SECONDS)).as("the holder has the queue's lock").isTrue();
            scheduler = Processes.spawn(() -> self.send(Processes.sendAfter(target, "late", farOff)));
            awaitWaitingIn(CellLocks.threadOf(scheduler), "offer");
            Processes.exit(target, ExitReason.KILL); // its death cancels the timer, not queued yet
            release.countDown();
            holder.join(5_000);
            assertThat(holder.isAlive()).as("the holder still has the queue's lock").isFalse();
            var timer = (TimerRef) assertReceive(m -> m instanceof TimerRef t ? t : null);
            assertThat(timer.remaining()).isEmpty();
            assertThat(queuedAtLeast(queue, farOff)).as("timers left in the queue").isEmpty();
        } finally {
            release.countDown();
            queuedAtLeast(queue, farOff).forEach(leaked -> leaked.cancel(false));
            Processes.cancelTimer(keep);
            Processes.exit(target, ExitReason.KILL);
        }
    }

    private static List<ScheduledFuture<?>> queuedAtLeast(BlockingQueue<Runnable> queue, Duration delay) {
        return queue.stream()
                .<ScheduledFuture<?>>mapMulti((task, out) -> {
                    if (task instanceof ScheduledFuture<?> future
                            && future.getDelay(TimeUnit.NANOSECONDS) >= delay.minusHours(1).toNanos()) {
                        out.accept(future);
                    }
                })
                .toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code thread} is parked inside a JDK method named {@code method}; polls, as nothing tells. */
    private static void awaitWaitingIn(Thread thread, String method) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(thread.getState() == Thread.State.WAITING
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals(method)))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(thread + " is not waiting in " + method + ": " + thread.getState() + " at "
                        + Arrays.toString(thread.getStackTrace()));
            }
            LockSupport.parkNanos(100_000);
        }
    }

    @Test
    void R4_aTimerRefusedForItsDelayLeavesNothingWithItsTarget() {
        var target = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        try {
            assertThatThrownBy(() -> Processes.sendAfter(target, "hello", Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative delay");
            assertThatThrownBy(() -> Processes.sendAfter(target, "hello", null)).isInstanceOf(NullPointerException.class);
            var rare = target.cell.rare;
            assertThat(rare == null || rare.timers == null ? Set.of() : rare.timers).as("timers remembered").isEmpty();
        } finally {
            target.send("stop");
        }
    }

    @Test
    void R4_timerToNameIsNotTiedToAProcess() {
        var name = "r4-timer-" + System.nanoTime();
        var first = Processes.spawn(() -> Processes.receive(m -> m.equals("stop") ? m : null));
        Processes.register(name, first);
        var timer = Processes.sendAfter(name, "for whoever holds the name", Duration.ofMillis(100));
        var ref = Processes.monitor(first);
        first.send("stop");
        ExitSignalsTest.awaitDown(ref);
        assertThat(timer.remaining()).isPresent();
        Processes.register(name, Processes.self());
        assertReceiveEquals("for whoever holds the name");
        Processes.unregister(name);
    }

    @Test
    void R4_zeroDelayTimerMayArriveAfterOtherMessages() {
        var self = Processes.self();
        Processes.sendAfter(self, "timer", Duration.ZERO);
        self.send("direct");
        Object first = assertReceive(m -> m);
        Object second = assertReceive(m -> m);
        var both = List.of(first, second);
        assertThat(both).containsExactlyInAnyOrder("timer", "direct");
    }
}
