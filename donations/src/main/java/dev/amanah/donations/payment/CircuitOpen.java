package dev.amanah.donations.payment;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@link CircuitBreaker} refused the call without sending it, because the provider failed too
 * often lately: nothing happened at the provider. Not retried by {@link Retrying}; the caller fails
 * fast (or tries again after {@code retryAfter}).
 *
 * @param gateway    the breaker's name
 * @param retryAfter when the breaker lets a trial call through
 */
public record CircuitOpen(String gateway, Instant retryAfter)
        implements ChargeOutcome, RefundOutcome, PayoutOutcome, LookupResult, CardLookup {
    public CircuitOpen {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }
}
