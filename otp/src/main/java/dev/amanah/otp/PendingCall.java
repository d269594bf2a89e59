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

    PendingCall(Ref ref, ProcessCell target) {
        this.ref = ref;
        this.target = target;
    }

    /** Sets the outcome if none is set yet and wakes the caller; false if one was already set. */
    boolean complete(Object value, ProcessCell caller) {
        if (OUTCOME.compareAndSet(this, null, value == null ? NULL : value)) {
            caller.wake();
            return true;
        }
        return false;
    }

    boolean isDone() {
        return outcome != null;
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
