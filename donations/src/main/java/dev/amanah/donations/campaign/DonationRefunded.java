package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A refund of (part of) a donation was recorded: the statistics subtract it from the amount
 * raised. The donation and its donor stay counted: history is corrected, not edited.
 *
 * @param campaignId the campaign
 * @param refundId   the refund's id, unique; a repeat within the dedupe horizon is ignored
 * @param donationId the donation refunded
 * @param amount     how much; positive, in the campaign's currency
 * @param at         when it was recorded
 */
public record DonationRefunded(String campaignId, String refundId, String donationId, Money amount, Instant at) {
    /** @throws IllegalArgumentException {@code invalid_amount: ...} for a zero or negative amount */
    public DonationRefunded {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(donationId, "donationId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("invalid_amount: a refund must be positive, was " + amount);
        }
    }
}
