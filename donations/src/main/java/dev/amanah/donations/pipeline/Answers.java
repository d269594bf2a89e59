package dev.amanah.donations.pipeline;

import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.payment.Declined;
import dev.amanah.donations.store.Donation;

/**
 * The answers of {@code POST /api/donations}, built from what is stored, so recovery builds the
 * very answer the request would have given. Stateless.
 */
final class Answers {
    private Answers() {
    }

    /** {@code 201}: the donation is recorded; its receipt follows. */
    static Answer accepted(Donation donation) {
        return accepted(donation, donation.gatewayChargeId().orElseThrow());
    }

    /**
     * {@link #accepted(Donation)} for {@code donation} once recorded with {@code chargeId}: built
     * before the recording transaction, so that SQLite's one writer never spends its time on JSON.
     */
    static Answer accepted(Donation donation, String chargeId) {
        var body = Json.object();
        body.put("donationId", donation.id());
        body.put("status", "ACCEPTED");
        body.put("campaignId", donation.campaignId());
        body.put("amountMinor", donation.amount().minorUnits());
        body.put("amount", donation.amount().amount().toPlainString());
        body.put("currency", donation.amount().currency().getCurrencyCode());
        body.put("chargeId", chargeId);
        return Answer.of(201, body);
    }

    /**
     * {@code 202}, not stored: the donation is held for a review by staff, nothing charged. The
     * key stays in flight until staff decide; a replay gets this again, then the final answer.
     */
    static Answer held(Donation donation) {
        var body = Json.object();
        body.put("donationId", donation.id());
        body.put("status", "HELD_FOR_REVIEW");
        body.put("campaignId", donation.campaignId());
        body.put("amountMinor", donation.amount().minorUnits());
        body.put("amount", donation.amount().amount().toPlainString());
        body.put("currency", donation.amount().currency().getCurrencyCode());
        body.put("message", "Held for a review by our staff; nothing was charged. Retry this Idempotency-Key later for the outcome");
        var stored = Answer.of(202, body);
        return new Answer(stored.status(), stored.body(), false);
    }

    /** {@code 422}, stored: staff rejected the held donation; nothing was charged. */
    static Answer rejectedInReview() {
        return Answer.error(ApiError.unprocessable("DONATION_REJECTED", null,
                "This donation was not accepted after review; nothing was charged"));
    }

    /** {@code 402}: the provider declined; nothing was charged. */
    static Answer declined(Declined declined) {
        return Answer.error(new ApiError(402, "PAYMENT_DECLINED",
                "The payment was declined (" + declined.reason() + "); nothing was charged", "paymentToken"));
    }

    /** {@code 503}, stored: the donation was failed without a charge; retry with a new key. */
    static Answer failedUncharged(String code, String why) {
        return Answer.error(new ApiError(503, code,
                why + "; nothing was charged. Retry with a new Idempotency-Key", null));
    }

    /** {@code 503}, not stored: whether the provider charged is not known yet; retry this key later. */
    static Answer paymentPending() {
        return Answer.transientError(new ApiError(503, "PAYMENT_PENDING",
                "The payment provider did not confirm the charge yet; retry with the same Idempotency-Key later", null));
    }

    /**
     * {@code 503}, not stored: the service is at capacity and did not start this request (nothing
     * claimed or written); retry the same key later.
     */
    static Answer overloaded() {
        return Answer.transientError(new ApiError(503, "OVERLOADED",
                "The service is at capacity and did not start this donation; nothing was charged. "
                        + "Retry with the same Idempotency-Key after the Retry-After delay", null));
    }

    /** {@code 409}, not stored: the same request is being processed. */
    static Answer inFlight() {
        return Answer.transientError(new ApiError(409, "REQUEST_IN_FLIGHT",
                "A request with this Idempotency-Key is still being processed; retry later", "Idempotency-Key"));
    }

    /** {@code 422}, not stored: the key belongs to another request. */
    static Answer keyReused() {
        return Answer.transientError(ApiError.unprocessable("IDEMPOTENCY_KEY_REUSED", "Idempotency-Key",
                "This Idempotency-Key was used with a different request"));
    }
}
