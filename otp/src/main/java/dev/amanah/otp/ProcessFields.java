package dev.amanah.otp;

/**
 * The fields of a process that nobody writes often: its thread, links, first monitor, calls,
 * trap flag, table mark, the save queue's tail, the message it leaves as it ends, the queue it
 * last saw as a spawner. They belong to {@link ProcessCell}; they are declared in a class of their
 * own, between {@link OwnerFields} and {@link Mailbox}, for where the JVM puts them. HotSpot lays
 * out a superclass's fields before a subclass's, so these come between the owner's hot fields and
 * the senders' ({@code tail}, {@code waiter}, {@code arrivals}), and with 12 bytes of padding keep
 * the two sides off each other's cache lines in every alignment of the cell, which is 136 bytes
 * (JDK 25, compressed oops); padding alone cost 32 bytes more (see {@link OwnerFields} and
 * {@code bench/results/2026-12-05-cast-envelope.md}).
 *
 * <p>Each field keeps the discipline stated on it; {@link ProcessCell} says how they are used.
 */
abstract class ProcessFields extends OwnerFields {
    /** The newest message of the save queue, or null. Owner only. */
    Saved savedTail;
    /**
     * Adopted processes: their thread has been told of their death (an {@link ExitException}
     * thrown by {@link ProcessCell#checkAlive}), so its next call into the runtime adopts it anew.
     * Read and written by that thread only.
     */
    boolean deathTold;
    /** True once, after death, every link and monitor has been told; see {@link ProcessCell#awaitGone()}. */
    volatile boolean gone;
    volatile Thread thread;
    /**
     * Read by every linked process that ends, to turn its exit signal into a message or not;
     * declared after the two flags above, which take the 2-byte hole at the end of
     * {@link OwnerFields}, so that it lands among the fields that nobody writes often, off the
     * owner's hot line in most alignments.
     */
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
    /**
     * Set once, as the process's thread ends (or an adopted thread's process is replaced): the
     * {@link ProcessTable} no longer lists it, and drops it later; see {@link ProcessCell#markUnlisted()}.
     */
    volatile boolean unlisted;
    /**
     * The last message this process left to be sent as it ends, and its recipient
     * ({@link Processes#sendOnExit}), or null; any earlier ones are in its rare parts. Written by
     * its own thread inside a send ({@link ProcessCell#beginSend()}), read once by its clean-up
     * after {@code awaitSendInFlight}: the send protocol publishes them.
     */
    ProcessCell farewellTo;
    Object farewell;
    /**
     * What the scheduler had queued at this process's last slice end as a spawner, at most
     * {@link Integer#MAX_VALUE}; see {@link ProcessCell#chargeSpawn()}. Owner only, written once a
     * slice of spawns: among the fields that nobody writes often, in the room that padding took.
     */
    int queuedAtSliceEnd;

    /**
     * Never read nor written, 12 bytes: with the fields above and {@link Mailbox}'s alarm, they
     * put the senders' first field 120 bytes into the cell, 58 bytes past the owner's last
     * ({@link OwnerFields}), so that no alignment puts the two on one cache line.
     */
    @SuppressWarnings("unused")
    private long gap;
    @SuppressWarnings("unused")
    private int gapEnd;

    /** A bare mailbox's; see {@link OwnerFields#OwnerFields()}. */
    ProcessFields() {
    }

    ProcessFields(long id, boolean adopted) {
        super(id, adopted);
    }
}
