package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * A donation as the pipeline first stores it, in {@link DonationPhase#CLAIMED}.
 *
 * @param id             unique, at most 64 characters
 * @param idempotencyKey the request's key, unique among donations
 * @param campaignId     the campaign it is for (must exist)
 * @param donor          who gives
 * @param amount         what they give, positive
 */
public record NewDonation(String id, String idempotencyKey, String campaignId, Donor donor, Money amount) {

    /** @throws IllegalArgumentException unless the amount is positive and the texts fit their columns */
    public NewDonation {
        Limits.require("id", id, Limits.ID);
        Limits.require("idempotencyKey", idempotencyKey, Limits.KEY);
        Limits.require("campaignId", campaignId, Limits.ID);
        Objects.requireNonNull(donor, "donor");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a donation must be positive, was " + amount);
        }
    }
}
