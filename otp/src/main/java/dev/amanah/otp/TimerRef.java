package dev.amanah.otp;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pending {@link Processes#sendAfter timed message}. Thread-safe.
 */
public final class TimerRef {
    private volatile ScheduledFuture<?> future;
    private final ProcessCell destination;

    TimerRef(ProcessCell destination) {
        this.destination = destination;
    }

    void schedule(ScheduledFuture<?> future) {
        this.future = future;
    }

    ProcessCell destination() {
        return destination;
    }

    /**
     * Cancels the timer, as Erlang's {@code cancel_timer/1}: the time that was left, or empty if
     * the message was already sent or the timer already cancelled.
     */
    public Optional<Duration> cancel() {
        var scheduled = future;
        if (scheduled == null) {
            return Optional.empty();
        }
        long left = Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS));
        if (!scheduled.cancel(false)) {
            return Optional.empty();
        }
        if (destination != null) {
            destination.forgetTimer(this);
        }
        return Optional.of(Duration.ofNanos(left));
    }

    /** The time left before the message is sent, or empty if it was sent or cancelled. */
    public Optional<Duration> remaining() {
        var scheduled = future;
        if (scheduled == null || scheduled.state() != Future.State.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, scheduled.getDelay(TimeUnit.NANOSECONDS))));
    }
}
