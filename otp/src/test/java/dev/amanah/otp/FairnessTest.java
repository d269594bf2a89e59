package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Processes that never wait must still let others run. Virtual threads are not preempted, so the
 * runtime yields a process's carrier every {@link ProcessCell#SLICE} units of work, as the BEAM
 * preempts after a budget of reductions. Without it, one process that spawned and killed in a
 * loop kept its carrier while the processes it started queued up unrun, until the JVM ran out of
 * memory (seen in CI, in the Observer's churn test).
 */
@InProcess.Tests
class FairnessTest {

    @Test
    void aProcessStillRunsWhileEveryCarrierIsTakenByProcessesThatNeverWait() {
        var busy = new ArrayList<Pid>();
        // One more than there are carriers, each sending to itself and taking it back for ever.
        for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
            busy.add(Processes.spawn(() -> {
                var self = Processes.self();
                for (;;) {
                    self.send("again");
                    Processes.receive();
                }
            }));
        }
        var test = Processes.self();
        Processes.spawn(() -> test.send("ran"));

        Object answer = Processes.receive(Duration.ofSeconds(10), m -> m.equals("ran") ? m : null);

        for (var pid : busy) {
            var ref = Processes.monitor(pid);
            Processes.exit(pid, ExitReason.KILL);
            assertReceive(Duration.ofSeconds(10), m -> m instanceof Down d && d.ref() == ref ? d : null);
        }
        assertThat(answer).isEqualTo("ran");
    }

    @Test
    void aProcessThatSpawnsInALoopLetsItsChildrenRunOnceTheyPileUp() throws InterruptedException {
        // Every carrier but one is taken by a process that never does a unit of work, so never
        // yields: the children can run only on the spawner's carrier, if the spawner lets them.
        var stop = new AtomicBoolean();
        int others = Runtime.getRuntime().availableProcessors() - 1;
        var spinning = new CountDownLatch(others);
        var spinners = new ArrayList<Pid>();
        for (int i = 0; i < others; i++) {
            spinners.add(Processes.spawn(() -> {
                spinning.countDown();
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            }));
        }
        assertThat(spinning.await(10, TimeUnit.SECONDS)).isTrue();
        int children = 10 * ProcessCell.SLICE;
        var ran = new AtomicInteger();
        var allRan = new CountDownLatch(children);

        for (int i = 0; i < children; i++) {
            Processes.spawn(() -> {
                ran.incrementAndGet();
                allRan.countDown();
            });
        }
        int ranWhileSpawning = ran.get();

        stop.set(true);
        assertThat(allRan.await(30, TimeUnit.SECONDS)).isTrue();
        awaitEnded(spinners);
        assertThat(ranWhileSpawning).isPositive();
    }

    @Test
    void aSpawnerYieldsWhenItsChildrenPileUpOrTooManyWaitNotWhileOthersTakeThem() {
        int slice = ProcessCell.SLICE;
        int pileUp = ProcessCell.SPAWN_PILE_UP;
        int bound = ProcessCell.SPAWN_BACKLOG;
        // Nobody took any: the queue grew by the whole slice.
        assertThat(ProcessCell.spawnerYields(5L * slice, 4L * slice)).isTrue();
        // Others took some, not a quarter: it grew by just over three quarters of the slice.
        assertThat(ProcessCell.spawnerYields(4L * slice + pileUp + 1, 4L * slice)).isTrue();
        // Others took a quarter or more: it grew by three quarters of the slice at most, or shrank.
        assertThat(ProcessCell.spawnerYields(4L * slice + pileUp, 4L * slice)).isFalse();
        assertThat(ProcessCell.spawnerYields(slice / 2, 4L * slice)).isFalse();
        // More than the bound waits, whoever takes them.
        assertThat(ProcessCell.spawnerYields(bound + 1L, bound + 1L)).isTrue();
        assertThat(ProcessCell.spawnerYields(bound, bound)).isFalse();
        // The scheduler could not be asked.
        assertThat(ProcessCell.spawnerYields(Long.MAX_VALUE, 0)).isTrue();
    }

    private static void awaitEnded(List<Pid> pids) {
        for (var pid : pids) {
            var ref = Processes.monitor(pid);
            assertReceive(Duration.ofSeconds(10), m -> m instanceof Down d && d.ref() == ref ? d : null);
        }
    }
}
