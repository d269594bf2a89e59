package dev.amanah.donations.pipeline;

import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationReview;
import java.util.Objects;

/**
 * A donation the fraud check held, and its review: in the queue, the donation still
 * {@code CLAIMED} (nothing charged) and the review {@code HELD}, saying why; once decided, the
 * review {@code RELEASED} or {@code REJECTED} (by whom, when) and the donation as it is now.
 *
 * @param donation the donation
 * @param review   its review
 */
public record HeldDonation(Donation donation, DonationReview review) {
    /** Requires both. */
    public HeldDonation {
        Objects.requireNonNull(donation, "donation");
        Objects.requireNonNull(review, "review");
    }
}
