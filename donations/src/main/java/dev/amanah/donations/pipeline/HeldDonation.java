package dev.amanah.donations.pipeline;

import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationReview;
import dev.amanah.donations.store.ReviewStatus;
import java.util.Locale;
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

    /**
     * Why a decision contrary to the one taken is refused, in words: "Donation d-1 was released
     * already by amina; it cannot be rejected now."
     */
    public String contraryRefused(ReviewStatus asked) {
        return "Donation " + review.donationId() + " was " + review.status().name().toLowerCase(Locale.ROOT) + " already"
                + review.decidedBy().map(name -> " by " + name).orElse("") + "; it cannot be "
                + asked.name().toLowerCase(Locale.ROOT) + " now.";
    }
}
