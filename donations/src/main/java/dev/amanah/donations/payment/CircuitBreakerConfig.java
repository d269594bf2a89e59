package dev.amanah.donations.payment;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link CircuitBreaker} opens and how long it stays open.
 *
 * @param failureThreshold consecutive {@link TransientFailure}s that open the circuit (at least 1)
 * @param openDuration     how long it refuses calls before letting one trial call through
 */
public record CircuitBreakerConfig(int failureThreshold, Duration openDuration) {

    /** Open after 5 consecutive transient failures, for 30 seconds. */
    public static final CircuitBreakerConfig DEFAULT = new CircuitBreakerConfig(5, Duration.ofSeconds(30));

    /** @throws IllegalArgumentException {@code invalid_breaker_config: ...} */
    public CircuitBreakerConfig {
        Objects.requireNonNull(openDuration, "openDuration");
        if (failureThreshold < 1 || openDuration.isNegative()) {
            throw new IllegalArgumentException("invalid_breaker_config: threshold >= 1 and a non-negative duration expected, were "
                    + failureThreshold + ", " + openDuration);
        }
    }
}
