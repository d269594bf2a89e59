package dev.amanah.donations.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The review of a donation the fraud check held.
 *
 * @param donationId   the donation (its row stays {@code CLAIMED} while held)
 * @param status       where the review is
 * @param paymentToken the token to charge on release; present only while {@code HELD}
 * @param reason       why it was held (rule names and counts, never personal data)
 * @param heldAt       when it was held (UTC)
 * @param decidedBy    who released or rejected it
 * @param decidedAt    when
 * @param decisionNote the note given with the decision, if any
 */
public record DonationReview(String donationId, ReviewStatus status, Optional<String> paymentToken, String reason,
                             Instant heldAt, Optional<String> decidedBy, Optional<Instant> decidedAt,
                             Optional<String> decisionNote) {
}
