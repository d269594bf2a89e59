package dev.amanah.otp;

/**
 * A node of a {@link Mailbox}'s MPSC queue: one message, and the link to the next node, which the
 * producer that enqueued that next node writes (a release store) and the consumer reads. Not
 * final: a mailbox is a node itself, the first stub of its own queue (see {@link Mailbox#Mailbox()}).
 */
class QueueNode {
    Object message;
    volatile QueueNode next;

    QueueNode(Object message) {
        this.message = message;
    }
}
