package dev.amanah.otp.task;

import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.Objects;

/** Deadlines for calls that share one timeout across many receives. */
final class Timeouts {
    /** Anything this long is {@link Processes#INFINITY}, as the core treats it. */
    private static final Duration EFFECTIVELY_INFINITE = Duration.ofDays(365L * 100);
    static final long NEVER = Long.MAX_VALUE;

    private Timeouts() {
    }

    static Duration check(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        return timeout;
    }

    static boolean isInfinite(Duration timeout) {
        return timeout.compareTo(EFFECTIVELY_INFINITE) >= 0;
    }

    /** The {@link System#nanoTime()} at which {@code timeout} from now expires, or {@link #NEVER}. */
    static long deadline(Duration timeout) {
        if (isInfinite(check(timeout))) {
            return NEVER;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return deadline == NEVER ? NEVER - 1 : deadline;
    }

    /** What is left until {@code deadline}: {@link Processes#INFINITY}, or zero once it passed. */
    static Duration remaining(long deadline) {
        if (deadline == NEVER) {
            return Processes.INFINITY;
        }
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }
}
