package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code demonitor(ref, flush)} called after the Down was received returned only if
 * the dying process had already cleared its "Down being enqueued" marker; a watcher that received
 * the Down inside that window waited for ever for a second one (found by the GenStage consumers,
 * which receive their producer's Down and then demonitor it).
 */
@InProcess.Tests
class DemonitorAfterDownTest {
    @Test
    void M3_demonitorWithFlushAfterTheDownWasReceivedReturnsAtOnce() {
        for (int i = 0; i < 20_000; i++) {
            var child = Processes.spawnMonitor(() -> {
            });
            var down = Processes.receive(Duration.ofSeconds(5),
                    m -> m instanceof Down d && d.ref() == child.ref() ? d : null);
            assertThat(down).isNotNull();
            assertThat(Processes.demonitor(child.ref(), true)).isFalse();
        }
        assertThat(Processes.messages()).isEmpty();
    }

    /**
     * Regression: {@code demonitor} that took the watcher's entry while the target was dying (the
     * target had already taken its own) answered false, "already fired", though no Down would
     * come: {@code Task.await} then waited for ever for the task's Down (found as a rare hang of
     * the Task tests).
     */
    @Test
    void M3_demonitorRacingTheDeathAnswersTrueExactlyWhenNoDownComes() {
        var random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            var pid = Processes.spawn(Processes::receive);
            var ref = Processes.monitor(pid);
            pid.send("end");
            // Spread the demonitor over the time the death takes, to meet it mid-way now and then.
            for (int spin = random.nextInt(500); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            boolean active = Processes.demonitor(ref);
            while (pid.isAlive()) {
                Thread.yield();
            }
            // A monitor of a dead process gets its noproc Down only once the death has told every
            // monitor: after it, the first monitor's Down is in the mailbox if it ever comes.
            var after = Processes.monitor(pid);
            assertReceive(m -> m instanceof Down d && d.ref() == after ? d : null);
            var down = Processes.receive(Duration.ZERO, m -> m instanceof Down d && d.ref() == ref ? d : null);
            if (active) {
                assertThat(down).as("a Down after demonitor answered true").isNull();
            } else {
                assertThat(down).as("no Down after demonitor answered false").isNotNull();
            }
        }
        assertThat(Processes.messages()).isEmpty();
    }
}
