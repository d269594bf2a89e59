package dev.amanah.bench.floor;

/**
 * The floor's mailbox: a queue that one thread takes from and any thread sends to. Nothing else:
 * no selective receive, no timeout, no exit handling. It is the least a mailbox on virtual threads
 * can do, so that the difference between a runtime and the floor is what the runtime adds.
 */
public interface FloorMailbox {

    /** Appends a message and wakes the owner if it waits; any thread; never blocks. */
    void send(Object message);

    /** Removes the oldest message, parking the calling thread until one arrives; owner only. */
    Object take();

    /** The two mailboxes measured. */
    enum Kind {
        /** {@link MpscMailbox}: lock-free linked MPSC queue with park/unpark. */
        MPSC,
        /** {@link TransferMailbox}: the JDK's {@code LinkedTransferQueue}. */
        LTQ;

        /** A new, empty mailbox of this kind. */
        public FloorMailbox create() {
            return switch (this) {
                case MPSC -> new MpscMailbox();
                case LTQ -> new TransferMailbox();
            };
        }
    }
}
