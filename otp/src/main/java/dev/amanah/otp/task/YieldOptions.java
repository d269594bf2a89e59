package dev.amanah.otp.task;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Task#yieldMany(java.util.List, YieldOptions)}: Elixir's {@code timeout},
 * {@code limit} and {@code on_timeout}. Immutable; start from {@link #DEFAULT} and change what
 * you need:
 * <pre>{@code
 * var options = YieldOptions.DEFAULT.withTimeout(Duration.ofSeconds(30))
 *                                    .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK);
 * }</pre>
 *
 * @param timeout   how long to wait in total, shared by all tasks; default 5 seconds;
 *                  {@link dev.amanah.otp.Processes#INFINITY} waits as long as it takes
 * @param limit     return as soon as this many tasks have a result (replied or exited),
 *                  without applying {@code onTimeout}; default {@link Integer#MAX_VALUE} (all)
 * @param onTimeout what to do with the tasks still running when the timeout passes; default
 *                  {@link OnTimeout#NOTHING}
 */
public record YieldOptions(Duration timeout, int limit, OnTimeout onTimeout) {
    /** Timeout 5 seconds, no limit, {@link OnTimeout#NOTHING}. */
    public static final YieldOptions DEFAULT =
            new YieldOptions(Task.DEFAULT_TIMEOUT, Integer.MAX_VALUE, OnTimeout.NOTHING);

    public YieldOptions {
        Timeouts.check(timeout);
        Objects.requireNonNull(onTimeout, "onTimeout");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
    }

    /** These options with another total timeout. */
    public YieldOptions withTimeout(Duration newTimeout) {
        return new YieldOptions(newTimeout, limit, onTimeout);
    }

    /** These options with another limit. */
    public YieldOptions withLimit(int newLimit) {
        return new YieldOptions(timeout, newLimit, onTimeout);
    }

    /** These options with another timeout policy. */
    public YieldOptions withOnTimeout(OnTimeout newOnTimeout) {
        return new YieldOptions(timeout, limit, newOnTimeout);
    }

    /** What {@code yieldMany} does with a task that has no result when the timeout passes. */
    public enum OnTimeout {
        /** Leave it running and tracked: its result is empty, and it may be yielded again. */
        NOTHING,
        /** {@link Task#ignore()} it: it keeps running, unlinked and untracked. */
        IGNORE,
        /** {@link Task#shutdown(Shutdown)} it with {@link Shutdown#BRUTAL_KILL}. */
        KILL_TASK
    }
}
