package dev.amanah.otp;

import static dev.amanah.otp.ExitSignalsTest.awaitDown;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A pid kept after its process ended keeps its identity and answers, but not what only a live
 * process needs: its thread, its unreceived messages.
 */
@InProcess.Tests
class DeadPidTest {
    record Started(Thread thread) {}

    record Parcel(String label) {}

    @Test
    void aDeadPidStillAnswersAndLetsGoOfItsThreadAndItsUnreceivedMessages() {
        var self = Processes.self();
        var spawned = Processes.spawnMonitor(() -> {
            self.send(new Started(Thread.currentThread()));
            Processes.receive(m -> m.equals("stop") ? m : null); // skips the parcel: saved, never received
        });
        var pid = spawned.pid();
        var thread = new WeakReference<>(assertReceive(m -> m instanceof Started s ? s.thread() : null));
        var parcel = new Parcel("unreceived");
        var unreceived = new WeakReference<>(parcel);
        pid.send(parcel);
        pid.send(new Parcel("queued after the parcel"));
        parcel = null;
        pid.send("stop");
        awaitDown(spawned.ref());

        assertThat(pid.isAlive()).isFalse();
        assertThat(pid).isEqualTo(pid);
        assertThat(Processes.info(pid)).isEmpty();
        assertThat(Processes.list()).doesNotContain(pid);
        // The Down comes before the thread has ended: wait, collecting, until both are let go.
        awaitCollected(() -> thread.get() == null && unreceived.get() == null);
        assertThat(pid.isAlive()).isFalse();
        assertThat(Processes.monitor(pid)).satisfies(ref ->
                assertThat(awaitDown(ref).reason()).isEqualTo(ExitReason.NOPROC));
    }

    @Test
    void aMailboxKeepsNoNodeOfMessagesAlreadyReceived() {
        var mailbox = new Mailbox();
        mailbox.enqueue("first");
        mailbox.enqueue("second");
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isEqualTo("first");
        // The mailbox is its queue's first stub node: once passed, it must link to nothing,
        // or it would keep every node after it reachable.
        assertThat(((QueueNode) mailbox).next).isNull();
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isEqualTo("second");
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isNull();
        mailbox.enqueue("third");
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isEqualTo("third");
        assertThat(mailbox.queueLength()).isZero();
    }

    private static void awaitCollected(BooleanSupplier collected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!collected.getAsBoolean()) {
            assertThat(System.nanoTime()).as("objects of the dead process still reachable").isLessThan(deadline);
            System.gc();
            Thread.yield();
        }
    }
}
