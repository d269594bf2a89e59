package dev.amanah.otp;

/**
 * What a process's own thread reads and writes at every receive: the consumer's end of its
 * {@link Mailbox}, its slice count and its exit reason. A class of its own for one reason, where
 * the JVM puts these fields. HotSpot lays out a superclass's fields before a subclass's, so
 * these come right after the object header (which a receive reads too, to find its process)
 * and before {@link Mailbox}'s, where senders exchange the tail and count arrivals; the process's
 * fields that no message touches ({@link ProcessFields}) come between the two and keep them 64
 * bytes apart, so that no cache line holds fields of both, in whatever alignment the cell lands
 * (a bare MPSC queue shares one line between its head and tail).
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

    // The JVM lays these out as the oops, continuing QueueNode's, then the long, then the smaller
    // fields in the hole before it and after it (JDK 25, compressed oops; JOL):
    // head 20, savedHead 24, savedTail 28, exitReason 32, sliceUsed 36, taken 40, the waits' back-off
    // counts 48-51 (takeSkips, fruitlessSpins, takeLevel).
    // ProcessFields then takes 52-99 and Mailbox's alarm 100, so that the producer fields begin at
    // 104 (tail, waiter, arrivals): 64 bytes past taken, the owner's last per-message field, and no
    // alignment of the cell puts the two sides on one line. With the producers' fields right after
    // these (at 56), 6 of the 8 alignments had one line hold both; the one a cell gets is set by
    // what was allocated before it, so a given workload tends to get the same one run after run
    // (the cast bench's raw server 16, a clean one; its GenServer mostly 0 or 24-56, shared ones,
    // and 0.5x the floor's speed there: bench/results/2026-12-05-cast-envelope.md).

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
     * see {@link Mailbox#waitStart}. At most 68: a byte, so that the three back-off counts take
     * the 4 bytes one int took. Owner only, written at waits, not at every message.
     */
    byte fruitlessSpins;
    /** Doublings of {@link #takeSkips} since a wait for a queued peer to be taken last paid; owner only. */
    byte takeLevel;
    /** Waits left that skip waiting for a queued peer to be taken; see {@link Mailbox#waitStart}. Owner only. */
    short takeSkips;

    OwnerFields() {
        super(null);
    }
}
