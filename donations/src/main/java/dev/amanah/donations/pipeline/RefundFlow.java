package dev.amanah.donations.pipeline;

import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.payment.CircuitOpen;
import dev.amanah.donations.payment.Declined;
import dev.amanah.donations.payment.Found;
import dev.amanah.donations.payment.GatewayRequests;
import dev.amanah.donations.payment.NotFound;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.RefundRequest;
import dev.amanah.donations.payment.Refunded;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.Refund;
import dev.amanah.donations.store.RefundResult;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.RefundStore;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.pubsub.PubSub;
import java.time.Clock;
import java.util.List;

/**
 * A full or partial refund of a recorded donation, idempotent by its key:
 * <ol>
 *   <li>the refund is booked (the campaign released to refunds payable, posted; refunds payable to
 *       the gateway's clearing, held) in one transaction, checked against what is left of the
 *       donation under its row lock, so partial refunds never add up to more than the gift;</li>
 *   <li>the provider refunds the charge under {@code "refund:" + key} (its keys share one
 *       namespace with charges); its answer posts the held transfer, or voids it and reverses the
 *       release; when it stays unavailable it is asked by key, and if even that fails the refund
 *       stays {@code PENDING} (202) for start-up recovery;</li>
 *   <li>once posted, {@link DonationRefunded} is broadcast on {@value DonationPipeline#TOPIC} and
 *       the campaign's statistics subtract it: history is never edited. Only the settlement
 *       that posted it announces it, however many settle it at once.</li>
 * </ol>
 * A repeat of the key with the same donation and amount answers with the refund as it stands
 * (finishing it first if it is still pending). Thread-safe; blocks on the database and gateway.
 */
public final class RefundFlow {
    /** The longest key: the provider's key, {@code "refund:" + key}, must stay within its 255 characters. */
    public static final int MAX_KEY_LENGTH = 200;

    private final RefundStore refunds;
    private final DonationStore donations;
    private final PaymentGateway gateway;
    private final String gatewayName;
    private final PubSub pubsub;
    private final CampaignStatsService stats;
    private final Clock clock;

    public RefundFlow(RefundStore refunds, DonationStore donations, PaymentGateway gateway, String gatewayName,
                      PubSub pubsub, CampaignStatsService stats, Clock clock) {
        this.refunds = refunds;
        this.donations = donations;
        this.gateway = gateway;
        this.gatewayName = gatewayName;
        this.pubsub = pubsub;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Refunds {@code amountMinor} of donation {@code donationId}; the answer to give. A key the
     * provider would refuse is refused here, 400 {@code INVALID_IDEMPOTENCY_KEY}, before anything
     * is booked: booked first, the refund would wait for a provider that can never be asked.
     */
    public Answer refund(String key, String donationId, long amountMinor) {
        return request(key, donationId, amountMinor).answer();
    }

    /**
     * As {@link #refund}, saying also whether the key had asked for this refund before: a repeat
     * (a form sent twice) books nothing and answers with the refund as it stands.
     */
    public Reply request(String key, String donationId, long amountMinor) {
        if (key == null || key.length() > MAX_KEY_LENGTH || !GatewayRequests.isKey(key)) {
            return Reply.first(Answer.transientError(ApiError.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "Use 1 to " + MAX_KEY_LENGTH + " characters from A-Z, a-z, 0-9 and . _ : -")));
        }
        var donation = donations.find(donationId).orElse(null);
        if (donation == null) {
            return Reply.first(Answer.transientError(ApiError.notFound("DONATION_NOT_FOUND", "No such donation")));
        }
        var amount = Money.ofMinor(amountMinor, donation.amount().currency());
        var refundId = "ref_" + DonationRequest.sha256(key).substring(0, 32);
        var release = List.of(Entry.debit(Account.campaign(donation.campaignId()), amount), Entry.credit(Account.refundsPayable(), amount));
        var pending = List.of(Entry.debit(Account.refundsPayable(), amount), Entry.credit(Account.clearing(gatewayName), amount));
        RefundResult result;
        try {
            result = refunds.request(new NewRefund(refundId, key, donationId, amount, "refund " + refundId + " of " + donationId,
                    release, pending));
        } catch (StoreException e) {
            return Reply.first(Answer.transientError(switch (e.code()) {
                case NOT_FOUND -> ApiError.notFound("DONATION_NOT_FOUND", "No such donation");
                case ILLEGAL_TRANSITION -> new ApiError(409, "DONATION_NOT_RECORDED", "Only an accepted donation can be refunded", null);
                case REFUND_EXCEEDS_DONATION -> ApiError.unprocessable("REFUND_EXCEEDS_DONATION",
                        "amountMinor", "More than what is left of the donation after its other refunds");
                case INSUFFICIENT_FUNDS -> ApiError.unprocessable("INSUFFICIENT_FUNDS", "amountMinor",
                        "The campaign no longer holds this amount: it was distributed");
                case KEY_REUSED -> ApiError.unprocessable("IDEMPOTENCY_KEY_REUSED", "Idempotency-Key",
                        "This Idempotency-Key was used for another refund");
                default -> throw e;
            }));
        }
        var refund = switch (result) {
            case RefundResult.Requested(var booked) -> booked;
            case RefundResult.AlreadyRequested(var existing) -> existing;
        };
        var answer = refund.status() == RefundStatus.PENDING
                ? settle(refund, donation.gatewayChargeId().orElseThrow(), donation.campaignId())
                : answer(refund);
        return new Reply(answer, result instanceof RefundResult.AlreadyRequested);
    }

    /**
     * What {@link #request} answers.
     *
     * @param answer the answer {@link #refund} gives, the same for the first request and a repeat
     * @param repeat whether the key had booked this refund before this request (nothing was booked now)
     */
    public record Reply(Answer answer, boolean repeat) {
        static Reply first(Answer answer) {
            return new Reply(answer, false);
        }
    }

    /**
     * Asks the provider to refund a pending refund (or what it did under its key) and books the
     * outcome. A refund whose request the provider would refuse (a key booked before
     * {@link #refund} checked keys) is voided: it never reached the provider, so nothing was paid.
     */
    public Answer settle(Refund refund, String chargeId, String campaignId) {
        var gatewayKey = "refund:" + refund.idempotencyKey();
        RefundRequest request;
        try {
            request = new RefundRequest(gatewayKey, chargeId, refund.amount());
        } catch (IllegalArgumentException e) {
            return answer(refunds.fail(refund.id(), "not sent to the provider: " + e.getMessage()));
        }
        var outcome = gateway.refund(request);
        return switch (outcome) {
            case Refunded refunded -> posted(refunds.confirmOnce(refund.id()), campaignId);
            case Declined declined -> answer(refunds.fail(refund.id(), "declined: " + declined.reason()));
            case TransientFailure failure -> lookup(refund, gatewayKey, campaignId);
            case CircuitOpen open -> lookup(refund, gatewayKey, campaignId);
        };
    }

    private Answer lookup(Refund refund, String gatewayKey, String campaignId) {
        return switch (gateway.lookup(gatewayKey)) {
            case Found(var key, Refunded refunded) -> posted(refunds.confirmOnce(refund.id()), campaignId);
            case Found(var key, Declined declined) -> answer(refunds.fail(refund.id(), "declined: " + declined.reason()));
            case Found found -> throw new IllegalStateException("the provider settled a refund's key as " + found.outcome());
            case NotFound notFound -> answer(refunds.fail(refund.id(), "payment provider unavailable"));
            case TransientFailure failure -> answer(refund);
            case CircuitOpen open -> answer(refund);
        };
    }

    private Answer posted(RefundStore.Confirmation confirmation, String campaignId) {
        var refund = confirmation.refund();
        if (!confirmation.posted()) {
            // Another settlement of this refund (its key sent twice at once, or beside recovery)
            // posted it and announces it: a second announcement showed it twice in the feed.
            return answer(refund);
        }
        var event = new DonationRefunded(campaignId, refund.id(), refund.donationId(), refund.amount(), clock.instant());
        // The statistics first: a subscriber that asks them on receiving the event finds it counted.
        stats.donationRefunded(event);
        pubsub.broadcast(DonationPipeline.TOPIC, event);
        pubsub.broadcast("campaign:" + campaignId, event);
        return answer(refund);
    }

    /** 201 posted, 202 still pending, 402 voided: the body says which. */
    static Answer answer(Refund refund) {
        var body = Json.object();
        body.put("refundId", refund.id());
        body.put("donationId", refund.donationId());
        body.put("status", refund.status().name());
        body.put("amountMinor", refund.amount().minorUnits());
        body.put("currency", refund.amount().currency().getCurrencyCode());
        return switch (refund.status()) {
            case POSTED -> Answer.of(201, body);
            case PENDING -> new Answer(202, Answer.of(202, body).body(), false);
            case VOIDED -> Answer.error(new ApiError(402, "REFUND_FAILED",
                    "The payment provider did not refund (" + refund.failureReason().orElse("unknown") + "); nothing changed", null));
        };
    }
}
