package dev.amanah.donations.pipeline;

import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.DonationReview;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.ReviewStatus;
import dev.amanah.donations.store.ReviewStore;
import dev.amanah.donations.store.StoreException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The review queue of donations the fraud check held (verdict REVIEW), and the staff's decisions.
 * <ul>
 *   <li>{@link #held}: the queue, oldest first; any member of staff may look;</li>
 *   <li>{@link #release}: a preparer or approver lets the donation go on: in one transaction the
 *       review is {@code RELEASED} (by whom, when; the payment token erased) and the donation
 *       {@code VALIDATED}; then it is charged under its own key and recorded, receipted and
 *       announced ({@code DonationReceived}) exactly as an unheld one. Its key gets the final
 *       answer (201, or 402 if declined), which the donor's retry of the key receives;</li>
 *   <li>{@link #reject}: in one transaction the review is {@code REJECTED}, the donation
 *       {@code FAILED} and its key answered 422 {@code DONATION_REJECTED}; nothing is charged.</li>
 * </ul>
 * Two staff deciding at once: the review's row lock lets one win, the other gets
 * {@code ALREADY_DECIDED}. A crash between a release and its charge leaves the donation
 * {@code VALIDATED}, which start-up recovery settles by asking the provider (it never charges).
 * Thread-safe; blocks on the database and, for a release, the gateway.
 */
public final class ReviewFlow {
    /** The longest note on a decision, in characters: the review's column. */
    public static final int MAX_NOTE = 500;
    private final DonationPipeline pipeline;
    private final Database database;
    private final ReviewStore reviews;
    private final DonationStore donations;
    private final CampaignStore campaigns;
    private final Clock clock;

    ReviewFlow(DonationPipeline pipeline, Database database, ReviewStore reviews, DonationStore donations,
               CampaignStore campaigns, Clock clock) {
        this.pipeline = pipeline;
        this.database = database;
        this.reviews = reviews;
        this.donations = donations;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** The donations held now, oldest first, at most {@code limit}; any member of staff may look. */
    public List<HeldDonation> held(StaffMember by, int limit) {
        Objects.requireNonNull(by, "by");
        return reviews.held(limit).stream().map(r -> new HeldDonation(donations.get(r.donationId()), r)).toList();
    }

    /**
     * The decision taken on a donation that was held, with the donation as it is now (a released
     * one being charged, charged, or failed); empty while it is held, or if it never was. Any
     * member of staff may look: it tells a decision sent twice what the first one did.
     */
    public Optional<HeldDonation> decided(StaffMember by, String donationId) {
        Objects.requireNonNull(by, "by");
        return reviews.find(donationId).filter(r -> r.status() != ReviewStatus.HELD)
                .map(r -> new HeldDonation(donations.get(donationId), r));
    }

    /**
     * The decision taken on {@code donationId}, if {@code refusal} of a decision came because it was
     * decided already ({@code ALREADY_DECIDED}); empty for any other refusal. Tells a decision sent
     * twice (the same one) from a contrary one, for the page and the API alike.
     */
    public Optional<HeldDonation> decidedBefore(StaffMember by, String donationId, ReviewException refusal) {
        return refusal.code().equals("ALREADY_DECIDED") ? decided(by, donationId) : Optional.empty();
    }

    /**
     * Releases a held donation and charges it; returns the donor's final answer (201 accepted,
     * 402 declined, 503 if the provider's answer is uncertain).
     *
     * @throws ReviewException {@code INVALID_NOTE} (checked first: {@link FreeText#shownProblem}), {@code FORBIDDEN}, {@code NOT_HELD},
     *     {@code ALREADY_DECIDED}, then (for a donation still held) {@code CAMPAIGN_NOT_ACTIVE};
     *     nothing changes when one is thrown
     */
    public Answer release(StaffMember by, String donationId, Optional<String> note) {
        requireStorable(note);
        requireDecider(by);
        var review = database.inTransaction(connection -> {
            var donation = donations.find(donationId).orElseThrow(() -> notHeld(donationId));
            // The review first (NOT_HELD, ALREADY_DECIDED), then the campaign: a refusal rolls the decision back.
            var decided = decide(donationId, ReviewStatus.RELEASED, by, note);
            var campaign = campaigns.find(donation.campaignId()).orElseThrow();
            if (campaign.state() != CampaignState.ACTIVE || !campaign.acceptsDonationsOn(LocalDate.now(clock))) {
                throw new ReviewException(409, "CAMPAIGN_NOT_ACTIVE",
                        "Campaign is not active; reject the donation or reactivate the campaign first");
            }
            donations.markValidated(donationId);
            return decided;
        });
        return pipeline.charge(donations.get(donationId), review.paymentToken().orElseThrow(), () -> { });
    }

    /**
     * Rejects a held donation: failed, nothing charged; returns the donor's final answer (422
     * {@code DONATION_REJECTED}).
     *
     * @throws ReviewException {@code INVALID_NOTE} (checked first), {@code FORBIDDEN}, {@code NOT_HELD},
     *     {@code ALREADY_DECIDED}
     */
    public Answer reject(StaffMember by, String donationId, Optional<String> note) {
        requireStorable(note);
        requireDecider(by);
        return database.inTransaction(connection -> {
            var donation = donations.find(donationId).orElseThrow(() -> notHeld(donationId));
            decide(donationId, ReviewStatus.REJECTED, by, note);
            return pipeline.finishFailed(donationId, donation.idempotencyKey(), "rejected in review by " + by.username(),
                    Answers.rejectedInReview());
        });
    }

    private static void requireStorable(Optional<String> note) {
        note.flatMap(text -> FreeText.shownProblem(text, MAX_NOTE)).ifPresent(problem -> {
            throw new ReviewException(422, "INVALID_NOTE", "note", "The note " + problem);
        });
    }

    private DonationReview decide(String donationId, ReviewStatus decision, StaffMember by,
                                  Optional<String> note) {
        try {
            return reviews.decide(donationId, decision, by.username(), note);
        } catch (StoreException e) {
            throw switch (e.code()) {
                case NOT_FOUND -> notHeld(donationId);
                case ILLEGAL_TRANSITION -> new ReviewException(409, "ALREADY_DECIDED",
                        "Donation " + donationId + " was decided already");
                default -> e;
            };
        }
    }

    private static void requireDecider(StaffMember by) {
        if (!by.role().canPrepare()) {
            throw new ReviewException(403, "FORBIDDEN", "A " + by.role() + " may not decide on held donations");
        }
    }

    private static ReviewException notHeld(String donationId) {
        return new ReviewException(404, "NOT_HELD", "No donation " + donationId + " held for review");
    }
}
