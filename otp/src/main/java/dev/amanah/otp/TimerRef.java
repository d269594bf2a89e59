package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pending {@link Processes#sendAfter timed message}. Thread-safe.
 *
 * <p>A timer is pending until exactly one of three things happens first: it fires (the message is
 * sent), it is cancelled, or its destination process ends (a timer aimed at a pid is cancelled
 * then, before the process's links and monitors are told). Once it is no longer pending,
 * {@link #cancel()} and {@link #remaining()} are empty.
 */
public final class TimerRef {
    private static final VarHandle STATE;
    private static final int PENDING = 0;
    private static final int DONE = 1;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerRef.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ProcessCell destination;
    private volatile ScheduledFuture<?> future;
    private volatile int state = PENDING;

    TimerRef(ProcessCell destination) {
        this.destination = destination;
    }

    /**
     * Records the timer's scheduled task. A timer cancelled before this (by {@link #cancel()}, or
     * by the death of its destination, which may come as soon as the timer is remembered there)
     * found no task to take out of the queue: this does it, or the task would sit there, holding
     * the message, for the whole delay. Dekker with {@link #cancel()}: it claims the state, then
     * reads {@code future}; this writes {@code future}, then reads the state; one of the two sees
     * the other (both cancelling is harmless). A timer that already fired is left alone:
     * cancelling its task does not stop a send under way.
     */
    void schedule(ScheduledFuture<?> future) {
        this.future = future;
        if (state != PENDING && !future.isDone()) {
            future.cancel(false);
        }
    }

    /** Claims the timer for firing; false if it was cancelled first. */
    boolean fire() {
        if (!STATE.compareAndSet(this, PENDING, DONE)) {
            return false;
        }
        if (destination != null) {
            destination.forgetTimer(this);
        }
        return true;
    }

    /**
     * Cancels the timer, as Erlang's {@code cancel_timer/1}: the time that was left, or empty if
     * the message was already sent or the timer already cancelled.
     */
    public Optional<Duration> cancel() {
        if (!STATE.compareAndSet(this, PENDING, DONE)) {
            return Optional.empty();
        }
        var scheduled = future;
        long left = 0;
        if (scheduled != null) {
            left = Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS));
            scheduled.cancel(false);
        }
        if (destination != null) {
            destination.forgetTimer(this);
        }
        return Optional.of(Duration.ofNanos(left));
    }

    /** The time left before the message is sent, or empty if it was sent or cancelled. */
    public Optional<Duration> remaining() {
        var scheduled = future;
        if (state != PENDING) {
            return Optional.empty();
        }
        return Optional.of(scheduled == null ? Duration.ZERO
                : Duration.ofNanos(Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS))));
    }
}
