package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where a process receives the answer to its call (a process makes one call at a time): one per
 * calling process, made at its first call and reused for every later one. The answer bypasses the
 * mailbox: {@link Processes#reply} and the callee's death write it here, so the caller waits in
 * O(1) however many messages it has queued, and an answer that comes after the caller gave up
 * finds no matching call and is dropped, as OTP's process aliases drop late replies.
 *
 * <p>While a call is pending, {@link #outcome} holds the call's own tag, and whoever answers
 * swaps its answer in with a compare-and-set that expects that tag: the tag is unique to one
 * call, so an answer meant for an earlier call (a reply after a timeout, the death of a server
 * called before) can never land in a later one, whatever it read meanwhile. Why one object per
 * process rather than per call: a new one per call cost an allocation (32 bytes of the ~200 a
 * call allocated) and a write of the caller's field that pointed to it, at every call, which the
 * replier then read on a line of the caller's cell; that field now never changes after the
 * first call, and the replier finds the tag to compare with in the one field it swaps.
 */
final class PendingCall {
    private static final VarHandle OUTCOME;
    private static final VarHandle PARKING;
    /** Stands for a null answer; see {@link #encode}. */
    private static final Object NULL = new Object();

    static {
        try {
            var lookup = MethodHandles.lookup();
            OUTCOME = lookup.findVarHandle(PendingCall.class, "outcome", Object.class);
            PARKING = lookup.findVarHandle(PendingCall.class, "parking", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The pending call's tag while it is pending, then its outcome (an encoded answer, a
     * {@link Down}, {@link TimedOut}), or null between calls.
     */
    private volatile Object outcome;
    /**
     * The tag of the current or last call; written by the caller before {@link #outcome} takes
     * it, read by others after they read {@link #outcome}, whose volatile write and read order it.
     */
    private Ref tag;
    /** The process the current or last call went to; written by the caller, before {@link #tag}. */
    private ProcessCell target;
    /** Set by the caller before it parks for the outcome; see {@link #complete}. */
    private volatile boolean parking;

    /**
     * Starts a call tagged {@code ref} to {@code server}; caller only, after the previous call
     * ended ({@link #end}). One fence: the other fields are plain stores that the volatile write
     * of the tag into {@link #outcome} publishes. That write is a full fence too, which the
     * caller's look at the server's liveness, next, needs (Dekker with the server's death, which
     * marks the server dead and then looks here, in {@link #calleeDied}).
     */
    void begin(Ref ref, ProcessCell server) {
        target = server;
        PARKING.set(this, false);
        tag = ref;
        outcome = ref;
    }

    /**
     * Sets the answer of the call tagged {@code ref}, if that call is still pending, and wakes the
     * caller if it parks; false if the call has an outcome already or is not the current one. A
     * caller still spinning for the outcome is not unparked: the unpark would cost an atomic on a
     * line the caller's carrier owns, and leave a permit that makes the caller's next park return at
     * once for nothing. No wake-up is lost, as in Dekker's algorithm: the caller sets
     * {@link #parking} and then reads the outcome ({@link #announceParking}, {@link #isDone}); this
     * sets the outcome with a CAS and then reads {@link #parking}; one of the two sees the other.
     */
    boolean complete(Ref ref, Object value, ProcessCell caller) {
        if (OUTCOME.compareAndSet(this, ref, encode(value, ref))) {
            if (parking) {
                caller.wake();
            }
            return true;
        }
        return false;
    }

    /**
     * {@code server}, which this caller is registered with, died with {@code reason}: fails the
     * call pending on it, if any. The outcome is read before the tag and the tag before the
     * target, the reverse of the order {@link #begin} writes them in: an outcome that equals the
     * tag read after it is the tag of a call still pending, and its target is that call's.
     */
    void calleeDied(ProcessCell server, ExitReason reason, ProcessCell caller) {
        var pending = outcome;
        var ref = tag;
        if (pending == ref && ref != null && target == server) {
            complete(ref, new Down(ref, server.pid, reason), caller);
        }
    }

    /**
     * Called by the caller once, before it first parks for the outcome; it must check
     * {@link #isDone} after this and before each park.
     */
    void announceParking() {
        parking = true;
    }

    /** Whether the call tagged {@code ref}, the current one, has an outcome; caller only. */
    boolean isDone(Ref ref) {
        return outcome != ref;
    }

    /**
     * The caller's spin before it announces that it parks: returns as soon as the call tagged
     * {@code ref} has an outcome, or false after {@link Spin#SPIN_NANOS}; the caller asks
     * {@link Mailbox#waitStart()} first. A reply that lands meanwhile does not unpark the caller
     * (see {@link #complete}).
     */
    boolean spinForOutcome(Ref ref) {
        long start = System.nanoTime();
        for (int pauses = 1; ; pauses++) {
            Thread.onSpinWait();
            if (outcome != ref) {
                return true;
            }
            if ((pauses & (Spin.PAUSES_PER_CLOCK - 1)) == 0 && Spin.spent(start)) {
                return false;
            }
        }
    }

    /**
     * The caller's wait when {@link Mailbox#waitStart()} says {@link Mailbox.WaitStart#SPIN_ONCE_TAKEN}:
     * holds the carrier while the one queued task is not taken, for at most
     * {@link Spin#TAKE_NANOS}, then, if it was taken, spins as {@link #spinForOutcome} does;
     * whether the call tagged {@code ref} has an outcome. Records the result in the caller's
     * {@code self} ({@link Mailbox#takeEnded}, {@link Mailbox#spinEnded}).
     */
    boolean spinOnceTaken(Ref ref, Mailbox self) {
        long start = System.nanoTime();
        for (int pauses = 1; ; pauses++) {
            Thread.onSpinWait();
            if (outcome != ref) {
                return self.takeEnded(true);
            }
            if ((pauses & (Spin.PAUSES_PER_LOOK - 1)) == 0) {
                if (Spin.nothingQueued()) {
                    return self.takeEnded(self.spinEnded(spinForOutcome(ref)));
                }
                if (Spin.takeSpent(start)) {
                    return self.takeEnded(false);
                }
            }
        }
    }

    /**
     * The outcome of the current call, once it has one: the reply (null for a null reply), a
     * {@link Down}, or {@link TimedOut}; caller only.
     */
    Object outcome() {
        var value = outcome;
        return value == NULL ? null : value instanceof Encoded encoded ? encoded.answer : value;
    }

    /** Marks the call tagged {@code ref} timed out; false if an outcome came first. */
    boolean timeOut(Ref ref) {
        return OUTCOME.compareAndSet(this, ref, TimedOut.INSTANCE);
    }

    /**
     * Ends the current call, answered or abandoned; caller only. Drops the outcome, so that a
     * large answer is not kept until the next call; an answer that comes later expects the
     * call's tag and finds null. An opaque store: nothing else depends on its order.
     */
    void end() {
        OUTCOME.setOpaque(this, null);
    }

    /**
     * How an answer is stored: as itself, except null and the call's own tag (which a server may
     * send back: it is public in {@link ReplyTo}), which would both read as "no outcome yet".
     */
    private static Object encode(Object value, Ref ref) {
        if (value == null) {
            return NULL;
        }
        return value == ref ? new Encoded(value) : value;
    }

    /** The call's own tag as its answer; see {@link #encode}. */
    private record Encoded(Object answer) {
    }

    enum TimedOut { INSTANCE }
}
