package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * A donation to a campaign was recorded (committed): the statistics add it.
 *
 * @param campaignId the campaign
 * @param donationId the donation's id, unique; a repeat within the dedupe horizon is ignored
 * @param donorRef   who gave (counted once per campaign however often they give)
 * @param amount     how much; positive, in the campaign's currency
 * @param at         when it was recorded; places it in the rate window
 */
public record DonationReceived(String campaignId, String donationId, String donorRef, Money amount, Instant at) {
    /** @throws IllegalArgumentException {@code invalid_amount: ...} for a zero or negative amount */
    public DonationReceived {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(donationId, "donationId");
        Objects.requireNonNull(donorRef, "donorRef");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("invalid_amount: a donation must be positive, was " + amount);
        }
    }
}
