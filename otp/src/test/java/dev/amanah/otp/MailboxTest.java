package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The mailbox on its own, for what the Lincheck test does not cover: a send dropped because its
 * sender died after its message took a place in the queue leaves no trace, neither for receives
 * (plain or selective) nor in the queue length; a mailbox whose owner has ended takes no more
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
