package dev.amanah.otp;

import java.util.List;

/**
 * What a process's own thread reads and writes as it works: the consumer's end of its
 * {@link Mailbox}, its slice count and exit reason, and what every send, call and spawn reads
 * (its pid, whether it is adopted, its send flag, its rare parts and its callers). A class of
 * its own for one reason, where the JVM puts these fields. HotSpot lays out a superclass's fields
 * before a subclass's, so these come right after the object header (which a receive reads too,
 * to find its process) and before {@link Mailbox}'s, where senders exchange the tail and count
 * arrivals; the process's fields that nobody writes often ({@link ProcessFields}) come between
 * the two and keep them apart, so that no cache line holds fields of both, in whatever alignment
 * the cell lands (a bare MPSC queue shares one line between its head and tail).
 *
 * <p>Before (fields ordered by size within each class), the owner's {@code head} and
 * {@code taken} were interleaved with the senders' {@code tail} and {@code arrivals}, and the
 * slice count and exit reason came after them: the receiving core's fields spanned about 80 bytes
 * around the senders' 28, and both cache lines of that stretch crossed between the two cores at
 * every message. See {@code bench/results/2026-12-05-cast-layout.md}. Then, until 5 December
 * 2026, the pid, the rare parts and the adopted flag, declared in {@link ProcessCell} and so laid
 * out after the senders' fields, shared their line in most alignments: a task's owner read them
 * at every spawn while its ending tasks wrote the tail.
 *
 * <p>Every field is the owner's alone to write, except {@link #exitReason}, which death writes
 * under the cell's lock, and {@link #rare}, made under it; the declarations keep the discipline
 * they had in the classes that use them ({@link Mailbox}, {@link ProcessCell}).
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
    // fields in the holes (JDK 25, compressed oops; printed with Unsafe.objectFieldOffset):
    // head 20, savedHead 24, pid 28, rare 32, callerChain 36, exitReason 40, sliceUsed 44, taken 48,
    // the waits' back-off count takeSkips 56, adopted 58, sending 59, the other two counts 60-61.
    // ProcessFields then takes 62-115 and Mailbox's alarm 116, so that the senders' fields begin at
    // 120 (tail, waiter, arrivals, to 136): 58 bytes past the owner's last, and no alignment of the
    // cell puts the two sides on one line (a line holding byte 61 and byte 120 would have to start
    // between 57 and 61, and lines start on multiples of 8 from an 8-aligned cell). With the
    // producers' fields right after the owner's, 6 of the 8 alignments had one line hold both; the
    // one a cell gets is set by what was allocated before it, so a given workload tends to get the
    // same one run after run (the cast bench's raw server 16, a clean one; its GenServer mostly 0
    // or 24-56, shared ones, and 0.5x the floor's speed there: bench/results/2026-12-05-cast-envelope.md).

    /** The stub of the MPSC queue: the node of the last message taken from it. Owner only. */
    QueueNode head;
    /**
     * The oldest message of the save queue, or null: read by every receive. Owner only; the
     * newest, written only when a message is saved, is in {@link ProcessFields}.
     */
    Saved savedHead;
    /** This process's pid, made with its cell; null in a bare mailbox. */
    final Pid pid;
    /** Whether this process is an adopted thread rather than a spawned one; read at every send. */
    final boolean adopted;
    /** What most processes never use, made on first use: see {@code ProcessCell.rare()}. */
    volatile ProcessCell.Rare rare;
    /**
     * Elixir's {@code $callers}: the processes this one works for, nearest first, or null if none
     * were recorded ({@link Processes#putCallers}). Written by its own thread, or by its parent
     * before its thread starts (which publishes it), and read by its own thread: a plain field.
     * A field rather than a thread-local: a thread's first thread-local makes it a map of about
     * 140 bytes, which a short task paid at each start; here it takes 4 bytes of the cell.
     */
    List<Pid> callerChain;
    /** True while this process's own thread is inside a send; see {@link ProcessCell#beginSend()}. */
    volatile boolean sending;
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

    /** A bare mailbox's fields, which belong to no process (tests of {@link Mailbox} alone). */
    OwnerFields() {
        super(null);
        pid = null;
        adopted = false;
    }

    /**
     * A process's, with its pid. The pid refers to the cell, which this constructor is part of:
     * the cast holds, since only {@link ProcessCell} passes a pid's number, and the pid is final
     * here (not assigned after construction by the cell) so that a pid read through a data race
     * always finds its cell, and the cell its pid, as before these fields moved here.
     */
    OwnerFields(long id, boolean adopted) {
        super(null);
        this.pid = new Pid(id, (ProcessCell) this);
        this.adopted = adopted;
    }
}
