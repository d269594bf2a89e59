package dev.amanah.donations.payment;

import java.util.Objects;

/**
 * The provider refused the operation for good: no money moved, and repeating the request with the
 * same key returns this decline again. Never retried.
 *
 * @param reason why, as a stable code
 * @param detail a human-readable explanation, free of personal data
 */
public record Declined(DeclineReason reason, String detail)
        implements ChargeOutcome, RefundOutcome, PayoutOutcome, Settled {
    public Declined {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
