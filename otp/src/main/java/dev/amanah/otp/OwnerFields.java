package dev.amanah.otp;

/**
 * What a process's own thread reads and writes at every receive: the consumer's end of its
 * {@link Mailbox}, its slice count and its exit reason. A class of its own for one reason, where
 * the JVM puts these fields. HotSpot lays out a superclass's fields before a subclass's, so
 * these come right after the object header (which a receive reads too, to find its process)
 * and before {@link Mailbox}'s, where senders exchange the tail and count arrivals; padding
 * between the two keeps them 57 bytes apart, so that no cache line holds fields of both, in
 * whatever alignment the cell lands (a bare MPSC queue shares one line between its head and tail).
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

    // The JVM lays these out as the oops, continuing QueueNode's, then the longs, then the ints in
    // the hole before them and after them (JDK 25, compressed oops; JOL):
    // head 20, savedHead 24, savedTail 28, exitReason 32, sliceUsed 36, taken 40, the padding
    // 48-95, fruitlessSpins 96. Mailbox's alarm then fills the 4-byte hole at 100 and its
    // producer fields take 104-119 (arrivals, tail, waiter): 57 bytes past taken, the owner's last
    // per-message field, so that no alignment of the cell puts the two sides on one line.
    // Without the padding the producers' fields began at 56, and in 6 of the 8 alignments one line
    // held both; the one a cell gets is set by what was allocated before it, so a given workload
    // tends to get the same one run after run (the cast bench's raw server 16, a clean one; its
    // GenServer mostly 0 or 24-56, shared ones: bench/results/2026-12-05-cast-envelope.md).

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
    /**
     * Never read nor written: 48 bytes that keep the producers' fields in {@link Mailbox} off the
     * cache lines of the owner's per-message fields above (see the layout comment).
     */
    @SuppressWarnings("unused")
    private long gap0, gap1, gap2, gap3, gap4, gap5;

    OwnerFields() {
        super(null);
    }
}
