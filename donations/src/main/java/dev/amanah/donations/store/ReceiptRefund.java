package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A posted refund of a receipted donation, as a donor's statement nets it out: the receipt stays
 * as issued (receipts are never edited), and the statement shows the money given back beside it.
 *
 * @param refundId      the refund
 * @param receiptSerial the current receipt of the donation refunded
 * @param amount        how much was given back, positive, in the receipt's currency
 * @param refundedAt    when the refund was posted
 */
public record ReceiptRefund(String refundId, String receiptSerial, Money amount, Instant refundedAt) {
    /** Refuses a missing field or an amount that is not positive. */
    public ReceiptRefund {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(receiptSerial, "receiptSerial");
        Objects.requireNonNull(refundedAt, "refundedAt");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("refund " + refundId + ": the amount must be positive, was " + amount);
        }
    }
}
