package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Timed waits are woken by {@link Alarm}'s timing wheel rather than by a timer per wait. Each test
 * checks that a wait ends after its timeout and well before a later event (a message sent with
 * {@code sendAfter}), so a wait the wheel forgot shows up as a wrong order, never as a slow test.
 */
@InProcess.Tests
class TimedWaitTest {

    private static Object receiveOnly(Object wanted, Duration timeout) {
        return Processes.receive(timeout, m -> m.equals(wanted) ? m : null);
    }

    @Test
    void aTimedReceiveEndsBeforeALaterTimerFires() {
        Processes.sendAfter(Processes.self(), "later", Duration.ofSeconds(2));
        assertThat(receiveOnly("never", Duration.ofMillis(30))).isNull();
        assertThat(Processes.messages()).doesNotContain("later");
        assertThat(receiveOnly("later", Duration.ofSeconds(10))).isEqualTo("later");
    }

    @Test
    void aShortWaitAfterALongCallIsNotHeldToTheCallsSlot() {
        var self = Processes.self();
        var server = Processes.spawn(() -> {
            for (;;) {
                if (Processes.receive() instanceof ReplyTo to) {
                    Processes.reply(to, "pong");
                }
            }
        });
        // The call leaves this process's alarm filed near its 20 s deadline.
        assertThat(Processes.request(server, to -> to, Duration.ofSeconds(20))).isEqualTo("pong");
        Processes.sendAfter(self, "later", Duration.ofSeconds(2));
        assertThat(receiveOnly("never", Duration.ofMillis(30))).isNull();
        assertThat(Processes.messages()).doesNotContain("later");
        Processes.exit(server, ExitReason.KILL);
    }

    @Test
    void aWaitLongerThanOneTurnOfTheWheelEnds() {
        Processes.sendAfter(Processes.self(), "later", Duration.ofSeconds(8));
        assertThat(receiveOnly("never", Duration.ofMillis(4_500))).isNull();
        assertThat(Processes.messages()).doesNotContain("later");
    }

    @Test
    void manyProcessesWithMixedTimeoutsAllTimeOutAndNoneHangs() {
        var self = Processes.self();
        int processes = 2_000;
        var pids = new ArrayList<Pid>();
        for (int p = 0; p < processes; p++) {
            var random = new SplittableRandom(p);
            pids.add(Processes.spawn(() -> {
                int timedOut = 0;
                for (int i = 0; i < 10; i++) {
                    var timeout = Duration.ofMillis(random.nextInt(0, 25));
                    if (Processes.receive(timeout, m -> m.equals("never") ? m : null) == null) {
                        timedOut++;
                    }
                }
                self.send(timedOut);
            }));
        }
        int total = 0;
        for (int p = 0; p < processes; p++) {
            Object count = Processes.receive(Duration.ofSeconds(30), m -> m instanceof Integer n ? n : null);
            assertThat(count).as("a process still waiting after 30 s").isNotNull();
            total += (Integer) count;
        }
        assertThat(total).isEqualTo(processes * 10);
    }

    @Test
    void anEndedProcessIsNotKeptReachableByTheAlarmOfItsLastTimedWait() throws InterruptedException {
        var thread = endAfterALongTimedWait();
        // Its alarm stays filed near the wait's 60 s deadline; only the thread must be gone.
        for (int attempt = 0; attempt < 100 && thread.get() != null; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(thread.get()).as("the ended process's thread, still reachable").isNull();
    }

    /**
     * Runs a process whose 60 s timed wait is answered once it waits, until its body returns; keeps
     * no Pid and no monitor (either would keep the process reachable on its own).
     */
    private static WeakReference<Thread> endAfterALongTimedWait() throws InterruptedException {
        var thread = new AtomicReference<WeakReference<Thread>>();
        var returning = new CountDownLatch(1);
        var pid = Processes.spawn(() -> {
            thread.set(new WeakReference<>(Thread.currentThread()));
            receiveOnly("go", Duration.ofSeconds(60));
            returning.countDown();
        });
        for (int attempt = 0; attempt < 1_000 && !isWaiting(pid); attempt++) {
            Thread.sleep(1);
        }
        assertThat(isWaiting(pid)).as("the process waits in its receive").isTrue();
        Processes.send(pid, "go");
        assertThat(returning.await(10, TimeUnit.SECONDS)).as("the process's body returns").isTrue();
        return thread.get();
    }

    private static boolean isWaiting(Pid pid) {
        return Processes.info(pid).map(info -> info.status() == ProcessInfo.Status.WAITING).orElse(false);
    }
}
