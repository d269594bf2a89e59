package dev.amanah.otp;

/**
 * What a process's own thread reads and writes at every receive: the consumer's end of its
 * {@link Mailbox}, its slice count and its exit reason. A class of its own for one reason, where
 * the JVM puts these fields. HotSpot lays out a superclass's fields before a subclass's, so
 * these come right after the object header (which a receive reads too, to find its process)
 * and before {@link Mailbox}'s, where senders exchange the tail and count arrivals: the two
 * sides' per-message fields sit at the two ends of that stretch, and at most one cache line
 * holds fields of both, as in a bare MPSC queue, whose one line holds its head and its tail.
 *
 * <p>Before (fields ordered by size within each class), the owner's {@code head} and
 * {@code taken} were interleaved with the senders' {@code tail} and {@code arrivals}, and the
 * slice count and exit reason came after them: the receiving core's fields spanned about 80 bytes
 * around the senders' 28, and both cache lines of that stretch crossed between the two cores at
 * every message. See {@code bench/results/2026-12-05-cast-layout.md}.
 *
 * <p>Every field is the owner's alone to write, except {@link #exitReason}, which death writes
 * under the cell's lock; the declarations keep the discipline they had in the classes that use
 * them ({@link Mailbox}, {@link ProcessCell}).
 */
abstract class OwnerFields extends QueueNode {
    /** A message a selective receive examined and declined, in the save queue. */
    static final class Saved {
        final Object message;
        Saved next;

        Saved(Object message) {
            this.message = message;
        }
    }

    // The JVM lays these out as the oops, continuing QueueNode's, then the long, then the ints in
    // the hole before it and after it (JDK 25, compressed oops; see the results file):
    // head 20, savedHead 24, savedTail 28, exitReason 32, sliceUsed 36, taken 40, fruitlessSpins 48.
    // Mailbox's alarm then fills the 4-byte hole at 52 and its first producer field, arrivals,
    // lands at 56: the waits' counter and the alarm, which only timed waits touch, lie between
    // the two sides, so that in 2 of the 8 possible alignments of a cell within a cache line no line
    // holds the fields of both, and in the other 6 exactly one does.

    /** The stub of the MPSC queue: the node of the last message taken from it. Owner only. */
    QueueNode head;
    /** The oldest message of the save queue, or null. Owner only. */
    Saved savedHead;
    /** The newest message of the save queue, or null. Owner only. */
    Saved savedTail;
    /** A process's exit reason, null while it lives; see {@link ProcessCell}. */
    volatile ExitReason exitReason;
    /**
     * Messages ever removed by a receive; written by the owner only (ordered writes), read by
     * anyone (see {@link Mailbox#queueLength()}, {@link Mailbox#takenCount()}).
     */
    volatile long taken;
    /** Units of work done since the slice began; see {@link ProcessCell#charge()}. Owner only. */
    int sliceUsed;
    /**
     * Spins in a row that saw nothing arrive, then waits since the owner began to park at once;
     * see {@link Mailbox#spinMayPay}. Owner only, written at waits, not at every message.
     */
    int fruitlessSpins;

    OwnerFields() {
        super(null);
    }
}
