package dev.amanah.donations.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Retrying} retries: at most {@code maxAttempts} attempts in all, the n-th retry after
 * a backoff of {@code min(maxBackoff, initialBackoff * 2^(n-1))} with "equal jitter": half of it
 * fixed, the other half uniformly random (so retries of many callers spread out but each still
 * waits at least half the exponential step).
 *
 * @param maxAttempts    attempts in all, 1 to 3 (the platform's limit: a donor waits for them)
 * @param initialBackoff the step before the first retry
 * @param maxBackoff     the cap of any step
 * @param jitterSeed     the seed of the jitter; the draw also depends on the key and the attempt,
 *                       so it is reproducible whatever the interleaving of callers
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, long jitterSeed) {

    /** Three attempts, 100 ms then 200 ms (each with jitter), seed 0. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 0);

    /** @throws IllegalArgumentException {@code invalid_retry_policy: ...} */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > 3) {
            throw new IllegalArgumentException("invalid_retry_policy: maxAttempts must be 1 to 3, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("invalid_retry_policy: backoff must be 0 <= initial <= max, was "
                    + initialBackoff + ", " + maxBackoff);
        }
    }

    /** The exponential step before retry number {@code retry} (1 for the first), before jitter. */
    public Duration step(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1: " + retry);
        }
        long nanos = initialBackoff.toNanos();
        for (int i = 1; i < retry && nanos < maxBackoff.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
    }
}
