package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The mailbox on its own, for what the Lincheck test does not cover: a send dropped because its
 * sender died after its message took a place in the queue leaves no trace, neither for receives
 * (plain or selective) nor in the queue length, and hides no message queued behind it from a
 * waiting receiver; a mailbox whose owner has ended takes no more
 * messages, or only a bounded number if the owner never let its messages go.
 */
class MailboxTest {
    private static final Mailbox DEAD_SENDER = new Mailbox() {
        @Override
        boolean sendsNoMore() {
            return true;
        }
    };
    private static final Mailbox LIVE_SENDER = new Mailbox();

    @Test
    void droppedSendIsNeitherReceivedNorCounted() {
        var mailbox = new Mailbox();
        assertThat(mailbox.enqueueFrom(DEAD_SENDER, "dropped first")).isFalse();
        assertThat(mailbox.enqueueFrom(LIVE_SENDER, 1)).isTrue();
        mailbox.enqueueFrom(DEAD_SENDER, "dropped");
        mailbox.enqueue(2);
        mailbox.enqueueFrom(DEAD_SENDER, "dropped last");
        assertThat(mailbox.queueLength()).isEqualTo(2);
        assertThat(mailbox.peek()).containsExactly(1, 2);

        Object taken = mailbox.take(message -> message.equals(2) ? message : null, Mailbox.NO_WAIT);
        assertThat(taken).isEqualTo(2);
        assertThat(mailbox.queueLength()).isEqualTo(1);
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isEqualTo(1);
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isNull();
        assertThat(mailbox.queueLength()).isZero();
    }

    @Test
    void receiverWaitingWhileOnlyDroppedSendsArriveKeepsWaitingForARealOne() throws InterruptedException {
        var mailbox = new Mailbox();
        var received = new Object[1];
        var receiver = Thread.ofVirtual().start(() -> received[0] = mailbox.takeAny(Mailbox.FOREVER));
        for (int i = 0; i < 100; i++) {
            mailbox.enqueueFrom(DEAD_SENDER, "dropped " + i);
        }
        mailbox.enqueue("real");
        try {
            assertThat(receiver.join(java.time.Duration.ofSeconds(10))).as("the receiver got a message").isTrue();
        } finally {
            if (receiver.isAlive()) {
                mailbox.enqueue("release"); // let a receiver that missed the real message end
            }
        }
        assertThat(received[0]).isEqualTo("real");
        assertThat(mailbox.queueLength()).isZero();
    }

    /**
     * A message whose place follows that of a send still in flight is reachable only once that
     * send links its node; its own wake-up may come first and find nothing, so the send that
     * links last must wake the receiver, also when it links its node emptied because its sender
     * died meanwhile. The dying sender is held between the two steps of its send (its liveness is
     * asked between them) while the real message is sent and the receiver, woken for nothing,
     * waits again.
     */
    @Test
    void aMessageQueuedBehindASendDroppedInFlightWakesTheReceiverWhenTheDropLinksIt() throws Exception {
        var mailbox = new Mailbox();
        var inFlight = new CountDownLatch(1);
        var dies = new CountDownLatch(1);
        var dyingSender = new Mailbox() {
            @Override
            boolean sendsNoMore() {
                inFlight.countDown();
                awaitUninterruptibly(dies);
                return true;
            }
        };
        var received = new AtomicReference<Object>();
        var receiver = Thread.ofPlatform().start(() -> received.set(mailbox.takeAny(Mailbox.FOREVER)));
        awaitPublishedWaiter(mailbox, receiver);
        var droppedSend = Thread.ofPlatform().start(() -> mailbox.enqueueFrom(dyingSender, "dropped"));
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).as("the dying send took its place").isTrue();
        mailbox.enqueue("real"); // clears the published waiter and wakes it, before "real" is reachable
        awaitPublishedWaiter(mailbox, receiver); // woken for nothing, it waits again
        dies.countDown();
        try {
            assertThat(droppedSend.join(Duration.ofSeconds(10))).isTrue();
            assertThat(receiver.join(Duration.ofSeconds(10))).as("the receiver got the real message").isTrue();
        } finally {
            if (receiver.isAlive()) {
                mailbox.enqueue("release"); // let a receiver that missed the real message end
            }
        }
        assertThat(received.get()).isEqualTo("real");
    }

    /** Waits until {@code receiver} has published itself as {@code mailbox}'s waiter, about to park or parked. */
    private static void awaitPublishedWaiter(Mailbox mailbox, Thread receiver) throws Exception {
        var waiter = Mailbox.class.getDeclaredField("waiter");
        waiter.setAccessible(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.get(mailbox) != receiver) {
            assertThat(System.nanoTime() - deadline).as("the receiver waits").isNegative();
            Thread.onSpinWait();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        for (;;) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep holding the send in flight until the test lets it go
            }
        }
    }

    @Test
    void aMailboxWhoseOwnerLetItsMessagesGoTakesNoMore() {
        var mailbox = new Mailbox();
        mailbox.enqueue("unreceived");
        mailbox.dropMessages();
        int lengthAtTheEnd = mailbox.queueLength();
        assertThat(mailbox.enqueueFrom(LIVE_SENDER, "after the end")).as("a live sender is not told").isTrue();
        assertThat(mailbox.enqueueFrom(DEAD_SENDER, "from the dead")).as("a dead sender is").isFalse();
        mailbox.enqueue("from no process");
        assertThat(mailbox.queueLength()).as("sends after the end are not counted").isEqualTo(lengthAtTheEnd);
        assertThat(mailbox.peek()).isEmpty();
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isNull();
    }

    @Test
    void aMailboxWhoseOwnerEndedWithoutLettingGoKeepsABoundedNumberOfMessages() {
        var mailbox = new Mailbox() {
            @Override
            boolean ownerEnded() {
                return true;
            }
        };
        for (int i = 0; i < 3 * Mailbox.LIVENESS_PERIOD; i++) {
            assertThat(mailbox.enqueueFrom(LIVE_SENDER, i)).isTrue();
        }
        assertThat(mailbox.queueLength()).isEqualTo(Mailbox.LIVENESS_PERIOD);
        assertThat(mailbox.takeAny(Mailbox.NO_WAIT)).isEqualTo(0);
    }
}
