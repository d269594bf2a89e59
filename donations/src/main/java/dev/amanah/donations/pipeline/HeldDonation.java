package dev.amanah.donations.pipeline;

import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationReview;
import java.util.Objects;

/**
 * A donation in the review queue: the donation (still {@code CLAIMED}, nothing charged) and why it
 * was held.
 *
 * @param donation the donation
 * @param review   its review ({@code HELD})
 */
public record HeldDonation(Donation donation, DonationReview review) {
    /** Requires both. */
    public HeldDonation {
        Objects.requireNonNull(donation, "donation");
        Objects.requireNonNull(review, "review");
    }
}
