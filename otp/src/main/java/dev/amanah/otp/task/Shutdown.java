package dev.amanah.otp.task;

import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.Objects;

/**
 * How to stop a task: OTP's {@code shutdown} value, either a time to wait after asking politely
 * or {@code :brutal_kill}.
 * <ul>
 *   <li>{@link Timeout}: send the exit signal {@code shutdown}, wait up to the duration for the
 *       task to end (it only takes time if the task traps exits), then kill it.
 *       {@link Processes#INFINITY} waits forever.</li>
 *   <li>{@link #BRUTAL_KILL}: send {@code kill} at once, which cannot be trapped.</li>
 * </ul>
 */
public sealed interface Shutdown {
    /** Kill at once: OTP's {@code :brutal_kill}. */
    BrutalKill BRUTAL_KILL = new BrutalKill();
    /** OTP's default for tasks and workers: 5 seconds. */
    Timeout DEFAULT = new Timeout(Duration.ofSeconds(5));

    /** Ask with {@code shutdown}, wait up to {@code timeout}, then kill. */
    static Timeout timeout(Duration timeout) {
        return new Timeout(timeout);
    }

    /**
     * Ask with {@code shutdown}, wait up to {@code duration}, then kill.
     *
     * @param duration how long to wait; not negative
     */
    record Timeout(Duration duration) implements Shutdown {
        public Timeout {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("negative shutdown timeout: " + duration);
            }
        }

        @Override
        public String toString() {
            return duration.toString();
        }
    }

    /** Kill at once. */
    record BrutalKill() implements Shutdown {
        @Override
        public String toString() {
            return "brutal_kill";
        }
    }
}
