package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one request a process is waiting for (a process makes one call at a time). The answer
 * bypasses the mailbox: {@link Processes#reply} and the callee's death write it here, so the
 * caller waits in O(1) however many messages it has queued, and an answer that comes after the
 * caller gave up finds no matching call and is dropped, as OTP's process aliases drop late replies.
 */
final class PendingCall {
    private static final VarHandle OUTCOME;
    private static final Object NULL = new Object();

    static {
        try {
            OUTCOME = MethodHandles.lookup().findVarHandle(PendingCall.class, "outcome", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Ref ref;
    final ProcessCell target;
    private volatile Object outcome;
    /** Set by the caller before it parks for the outcome; see {@link #complete}. */
    private volatile boolean parking;

    PendingCall(Ref ref, ProcessCell target) {
        this.ref = ref;
        this.target = target;
    }

    /**
     * Sets the outcome if none is set yet and wakes the caller if it parks; false if one was
     * already set. A caller still spinning for the outcome is not unparked: the unpark would cost
     * an atomic on a line the caller's carrier owns, and leave a permit that makes the caller's
     * next park return at once for nothing. No wake-up is lost, as in Dekker's algorithm: the
     * caller sets {@link #parking} and then reads the outcome ({@link #announceParking},
     * {@link #isDone}); this sets the outcome with a CAS and then reads {@link #parking}; one of
     * the two sees the other's write.
     */
    boolean complete(Object value, ProcessCell caller) {
        if (OUTCOME.compareAndSet(this, null, value == null ? NULL : value)) {
            if (parking) {
                caller.wake();
            }
            return true;
        }
        return false;
    }

    /**
     * Called by the caller once, before it first parks for the outcome; it must check
     * {@link #isDone} after this and before each park.
     */
    void announceParking() {
        parking = true;
    }

    boolean isDone() {
        return outcome != null;
    }

    /**
     * The caller's spin before it announces that it parks: returns as soon as an outcome is set,
     * or false after {@link Spin#SPIN_NANOS}; the caller asks {@link Spin#mayHoldCarrier()} first.
     * A reply that lands meanwhile does not unpark the caller (see {@link #complete}).
     */
    boolean spinForOutcome() {
        long start = System.nanoTime();
        for (int pauses = 1; ; pauses++) {
            Thread.onSpinWait();
            if (outcome != null) {
                return true;
            }
            if ((pauses & (Spin.PAUSES_PER_CLOCK - 1)) == 0 && Spin.spent(start)) {
                return false;
            }
        }
    }

    /** The outcome: the reply (null for a null reply), a {@link Down}, or {@link #timedOut}. */
    Object outcome() {
        var value = outcome;
        return value == NULL ? null : value;
    }

    /** Marks the call timed out; false if an outcome came first. */
    boolean timeOut() {
        return OUTCOME.compareAndSet(this, null, TimedOut.INSTANCE);
    }

    enum TimedOut { INSTANCE }
}
