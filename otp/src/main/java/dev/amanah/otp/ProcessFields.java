package dev.amanah.otp;

import java.util.List;

/**
 * The fields of a process that no message touches: its thread, links, first monitor, calls,
 * table slot and callers. They belong to {@link ProcessCell}; they are declared in a class of
 * their own, between {@link OwnerFields} and {@link Mailbox}, for where the JVM puts them.
 * HotSpot lays out a superclass's fields before a subclass's, so these come between the owner's
 * per-message fields and the senders' ({@code tail}, {@code waiter}, {@code arrivals}), and with
 * 8 bytes of padding keep the two sides 64 bytes apart, off each other's cache lines in every
 * alignment of the cell, which is 136 bytes (JDK 25, compressed oops); padding alone cost 32
 * bytes more (see {@link OwnerFields} and {@code bench/results/2026-12-05-cast-envelope.md}).
 *
 * <p>Each field keeps the discipline stated on it; {@link ProcessCell} says how they are used.
 */
abstract class ProcessFields extends OwnerFields {
    volatile Thread thread;
    volatile boolean trapExits;

    /**
     * Links. A link is stored in one of two ways: in one side's {@code link} field, listed in the
     * other side's {@code Rare.relations} (the way of most links: a task's to its owner, whose
     * relations list it among thousands), or, when both fields are taken, in the
     * {@code moreLinks} set of both sides, made on demand. Added under both cells' locks (and only
     * while both are alive, so that none is added after death took them), removed without them:
     * a field is cleared with a CAS, a set entry removed, and the relations entry of a cleared
     * field goes stale (see {@link Relations}). So a process with many short-lived linked
     * children does not make each of their deaths wait for its lock, nor touch anything of it.
     */
    volatile ProcessCell link;

    /**
     * The monitors of this process: the first in a field, the only one most processes ever have
     * (a task, by its owner), the others in a concurrent set made on demand. A monitor is in at
     * most one of the two places.
     */
    volatile MonitorRef firstWatcher;
    /** The process this one is registered with as a caller, if any; written by its own thread only. */
    volatile ProcessCell callee;
    /** Where this process receives the answers to its calls, made at its first call; see {@link PendingCall}. */
    volatile PendingCall pendingCall;
    /** True while this process's own thread is inside a send; see {@link ProcessCell#beginSend()}. */
    volatile boolean sending;
    /** True once, after death, every link and monitor has been told; see {@link ProcessCell#awaitGone()}. */
    volatile boolean gone;
    /** This cell's index in its {@link ProcessTable} stripe while listed; guarded by that stripe's lock. */
    int tableSlot;
    /**
     * Elixir's {@code $callers}: the processes this one works for, nearest first, or null if none
     * were recorded ({@link Processes#putCallers}). Written by its own thread, or by its parent
     * before its thread starts (which publishes it), and read by its own thread: a plain field.
     * A field rather than a thread-local: a thread's first thread-local makes it a map of about
     * 140 bytes, which a short task paid at each start; here it takes 4 bytes that the cell's
     * 8-byte alignment left unused.
     */
    List<Pid> callerChain;
    /**
     * The last message this process left to be sent as it ends, and its recipient
     * ({@link Processes#sendOnExit}), or null; any earlier ones are in its rare parts. Written by its own thread inside a send ({@link ProcessCell#beginSend()}), read
     * once by its clean-up after {@code awaitSendInFlight}: the send protocol publishes them.
     */
    ProcessCell farewellTo;
    Object farewell;

    /**
     * Never read nor written: with the fields above, it makes the 64 bytes between the owner's
     * last per-message field and the senders' first that no alignment can put on one line.
     */
    @SuppressWarnings("unused")
    private long gap;
}
