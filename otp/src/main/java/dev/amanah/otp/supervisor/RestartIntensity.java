package dev.amanah.otp.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Restart intensity, OTP's {@code max_restarts} in {@code max_seconds}: remembers the restarts of
 * the last {@code maxSeconds}; one more than {@code maxRestarts} within it means the supervisor gives up.
 * Only the supervisor's own process touches it.
 */
final class RestartIntensity {
    private final int maxRestarts;
    private final long windowNanos;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    /**
     * A {@code maxSeconds} too long for a long of nanoseconds (292 years), such as
     * {@link dev.amanah.otp.Processes#INFINITY}, never ends.
     */
    RestartIntensity(int maxRestarts, Duration maxSeconds) {
        this.maxRestarts = maxRestarts;
        this.windowNanos = maxSeconds.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxSeconds.toNanos();
    }

    /** Records a restart now; false if it is one too many, so the supervisor must shut down. */
    boolean allowRestart() {
        long now = System.nanoTime();
        restarts.addLast(now);
        while (now - restarts.peekFirst() > windowNanos) {
            restarts.removeFirst();
        }
        return restarts.size() <= maxRestarts;
    }
}
