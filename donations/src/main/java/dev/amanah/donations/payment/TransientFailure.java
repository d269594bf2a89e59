package dev.amanah.donations.payment;

import java.util.Objects;

/**
 * The provider could not be reached or did not answer in time. The operation may or may not have
 * happened ({@link TransientCause#TIMEOUT} can come after the provider acted): retry with the same
 * idempotency key, or ask {@link PaymentGateway#lookup}.
 *
 * @param cause  what went wrong
 * @param detail a human-readable explanation, free of personal data
 */
public record TransientFailure(TransientCause cause, String detail)
        implements ChargeOutcome, RefundOutcome, PayoutOutcome, LookupResult, CardLookup {
    public TransientFailure {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(detail, "detail");
    }
}
