package dev.amanah.donations.pipeline;

import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationReceived;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.fraud.FraudServer;
import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.payment.ChargeRequest;
import dev.amanah.donations.payment.Charged;
import dev.amanah.donations.payment.CircuitOpen;
import dev.amanah.donations.payment.Declined;
import dev.amanah.donations.payment.Found;
import dev.amanah.donations.payment.NotFound;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.ClaimResult;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.ReviewStore;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.otp.pubsub.PubSub;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One donation, start to finish, with its phase stored at every step so a crash anywhere leaves
 * something {@link dev.amanah.donations.recovery.Recovery} can finish or fail:
 * <ol>
 *   <li><b>claim</b>: the idempotency key is claimed and the donation stored as {@code CLAIMED}
 *       in one transaction. A replay gets the stored answer, a key in flight 409, a key used for
 *       another request 422, an unknown campaign 422 (and then nothing is stored at all);</li>
 *   <li><b>validate</b>: amount, campaign, donor and fraud, concurrently ({@link ValidationRun}),
 *       the fraud check counting the card the provider names behind the token ({@link TokenCards});
 *       {@code VALIDATED}, or {@code FAILED} with a stored 422 (or 503 if a check did not answer);
 *       or, on the fraud check's REVIEW, <b>held</b>: stored for review with its payment token, the
 *       donation left {@code CLAIMED} and its key in flight, answered 202 (not stored) until a
 *       member of staff releases it (it is charged and goes on from here) or rejects it
 *       (failed, 422 {@code DONATION_REJECTED} stored), see {@link ReviewFlow};</li>
 *   <li><b>charge</b>: through the gateway (retries and circuit breaker are the gateway's
 *       decorators) with the donation's own idempotency key, so no path ever charges twice;
 *       {@code CHARGED} (committed together with the record, below), or {@code FAILED} with a
 *       stored 402 on a decline, counted against the card the fraud check counted. When the gateway stays
 *       unavailable the provider is asked by key: a charge it made is kept, none made fails the
 *       donation (stored 503), and if even that cannot be known the donation stays
 *       {@code VALIDATED}, the client gets a transient 503 and the processor settles it in the
 *       background ({@link DonationProcessor#settleLater}; else start-up recovery does);</li>
 *   <li><b>record and receipt</b>: the charge id, the ledger transaction (clearing debited,
 *       campaign credited), the key's answer (201), the receipt ({@link ReceiptStep}) and the
 *       phase {@code RECEIPTED} in ONE transaction (the phases {@code CHARGED} and
 *       {@code RECORDED} are passed through inside it; a crash before its commit leaves the
 *       donation {@code VALIDATED}, which recovery settles by asking the provider; a receipt that
 *       cannot be issued leaves the donation recorded without it, see {@link #recordCharge}); then, after the commit,
 *       {@link DonationReceived} is
 *       broadcast on the PubSub topics {@value #TOPIC} and {@code campaign:<id>}, and the
 *       campaign's statistics are told.</li>
 * </ol>
 * Runs in the calling process (a task of the {@link DonationProcessor}); thread-safe; blocks on
 * the database and the gateway.
 */
public final class DonationPipeline {
    /** The PubSub topic of every {@link DonationReceived}. */
    public static final String TOPIC = "donations";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");

    private final Database database;
    private final IdempotencyStore keys;
    private final DonationStore donations;
    private final ValidationRun validation;
    private final PaymentGateway gateway;
    private final String gatewayName;
    private final String fraudServer;
    private final PubSub pubsub;
    private final CampaignStatsService stats;
    private final Clock clock;
    private final ReviewStore reviews;
    private final ReviewFlow reviewFlow;
    private final ReceiptStep receiptStep;
    private final CampaignStore campaigns;

    /**
     * The pipeline with its validations: the fraud check calls the {@code fraudServer} process,
     * the validation tasks run under {@code tasks}, the gateway should be the resilient one
     * (a circuit breaker inside retries).
     */
    public static DonationPipeline create(AmanahConfig config, Database database, IdempotencyStore keys,
                                          DonationStore donations, CampaignStore campaigns, TaskSupervisor tasks,
                                          PaymentGateway gateway, String gatewayName, String fraudServer, PubSub pubsub,
                                          CampaignStatsService stats, Clock clock) {
        return create(config, database, keys, donations, campaigns, tasks, gateway, gatewayName, fraudServer, pubsub, stats,
                clock, ReceiptStep.phaseOnly(donations));
    }

    /** As {@link #create(AmanahConfig, Database, IdempotencyStore, DonationStore, CampaignStore, TaskSupervisor,
     * PaymentGateway, String, String, PubSub, CampaignStatsService, Clock)}, with {@code receiptStep} as its last step. */
    public static DonationPipeline create(AmanahConfig config, Database database, IdempotencyStore keys,
                                          DonationStore donations, CampaignStore campaigns, TaskSupervisor tasks,
                                          PaymentGateway gateway, String gatewayName, String fraudServer, PubSub pubsub,
                                          CampaignStatsService stats, Clock clock, ReceiptStep receiptStep) {
        // Half the fraud check's time for the card's lookup, the rest for the fraud server's verdict.
        var cards = new TokenCards(gateway, tasks, config.timeouts().validation().dividedBy(2), TokenCards.DEFAULT_CAPACITY);
        var validations = new Validations(config.donations(), campaigns, fraudServer, cards, config.timeouts().validation(),
                clock);
        return new DonationPipeline(database, keys, donations,
                new ValidationRun(tasks, validations, config.timeouts().validation()), gateway, gatewayName, fraudServer,
                pubsub, stats, clock, campaigns, receiptStep);
    }

    DonationPipeline(Database database, IdempotencyStore keys, DonationStore donations, ValidationRun validation,
                     PaymentGateway gateway, String gatewayName, String fraudServer, PubSub pubsub,
                     CampaignStatsService stats, Clock clock, CampaignStore campaigns, ReceiptStep receiptStep) {
        this.receiptStep = receiptStep;
        this.campaigns = campaigns;
        this.database = database;
        this.keys = keys;
        this.donations = donations;
        this.validation = validation;
        this.gateway = gateway;
        this.gatewayName = gatewayName;
        this.fraudServer = fraudServer;
        this.pubsub = pubsub;
        this.stats = stats;
        this.clock = clock;
        this.reviews = new ReviewStore(database, clock);
        this.reviewFlow = new ReviewFlow(this, database, reviews, donations, campaigns, clock);
    }

    /** The staff's side of donations held for review: list, release, reject. */
    public ReviewFlow reviews() {
        return reviewFlow;
    }

    /** The donation id of an idempotency key: one key, one donation, whoever computes it. */
    public static String donationId(String idempotencyKey) {
        return "don_" + DonationRequest.sha256(idempotencyKey).substring(0, 32);
    }

    /**
     * Runs the whole pipeline for {@code request} and returns the answer to give; {@code onClaimed}
     * runs right after the claim of the key committed (and only then), in the calling process: from
     * then on the key is in flight until this pipeline, or whoever settles it after a crash
     * ({@link DonationSettlement}), answers it.
     */
    public Answer run(DonationRequest request, Runnable onClaimed) {
        ClaimResult claim;
        // Digests before the transaction: on SQLite it runs on the one writer, which should only write.
        var fingerprint = request.fingerprint();
        var donation = newDonation(request);
        try {
            claim = database.inTransaction(connection -> {
                var result = keys.claim(request.idempotencyKey(), fingerprint);
                if (result instanceof ClaimResult.Claimed) {
                    donations.create(donation);
                }
                return result;
            });
        } catch (StoreException e) {
            return switch (e.code()) {
                case NOT_FOUND -> Answer.transientError(ApiError.unprocessable("CAMPAIGN_NOT_FOUND", "campaignId", "No such campaign"));
                case CURRENCY_MISMATCH -> Answer.transientError(ApiError.unprocessable("CURRENCY_MISMATCH", "currency",
                        Validations.collectsIn(campaigns.find(request.campaignId()).orElseThrow().currency())));
                default -> throw e;
            };
        }
        return switch (claim) {
            case ClaimResult.Claimed claimed -> {
                onClaimed.run();
                yield process(request);
            }
            case ClaimResult.InFlight inFlight -> heldOrInFlight(donationId(request.idempotencyKey()));
            case ClaimResult.Completed(var key, var status, var body) -> new Answer(status, body, true);
            case ClaimResult.Mismatch mismatch -> Answers.keyReused();
        };
    }

    /** Whether the donation is held for review now, waiting for staff (its key in flight meanwhile). */
    boolean isHeld(String donationId) {
        return reviews.isHeld(donationId);
    }

    /** A key in flight is either being processed (409) or its donation is held for review (202). */
    private Answer heldOrInFlight(String donationId) {
        return reviews.isHeld(donationId) ? Answers.held(donations.get(donationId)) : Answers.inFlight();
    }

    private NewDonation newDonation(DonationRequest request) {
        var donor = Donor.of(request.donorRef(), request.donorEmail(), request.donorName());
        return new NewDonation(donationId(request.idempotencyKey()), request.idempotencyKey(), request.campaignId(),
                donor, request.amount());
    }

    private Answer process(DonationRequest request) {
        var id = donationId(request.idempotencyKey());
        switch (validation.run(request)) {
            case ValidationRun.Refused(var refusal) when refusal.heldForReview() -> {
                reviews.hold(id, request.paymentToken(), refusal.detail());
                LOG.log(System.Logger.Level.INFO, "event=donation_held donation=" + id + " why=" + refusal.detail());
                return Answers.held(donations.get(id));
            }
            case ValidationRun.Refused(var refusal) -> {
                return finishFailed(id, request.idempotencyKey(), "refused: " + refusal.code(), Answer.error(refusal.toError()));
            }
            case ValidationRun.Failed(var check, var why) -> {
                LOG.log(System.Logger.Level.WARNING, "event=validation_failed donation=" + id + " check=" + check + " why=" + why);
                return finishFailed(id, request.idempotencyKey(), "validation " + check + " " + why,
                        Answers.failedUncharged("VALIDATION_UNAVAILABLE", "The " + check + " check did not answer"));
            }
            case ValidationRun.Passed(var counted) -> {
                return charge(donations.markValidated(id), request.paymentToken(),
                        () -> FraudServer.recordDecline(fraudServer, counted));
            }
        }
    }

    /**
     * Charges a {@code VALIDATED} donation under its own key and finishes it: recorded and
     * receipted, failed on a decline ({@code onDecline} is told first), or settled by asking the
     * provider when it gives no definite answer. Used by the pipeline and by a release from review.
     */
    Answer charge(Donation validated, String paymentToken, Runnable onDecline) {
        var outcome = gateway.charge(new ChargeRequest(validated.idempotencyKey(), validated.amount(), paymentToken,
                validated.donor().id()));
        var id = validated.id();
        return switch (outcome) {
            case Charged charged -> recordCharge(validated, charged.chargeId());
            case Declined declined -> {
                onDecline.run();
                yield finishFailed(id, validated.idempotencyKey(), "declined: " + declined.reason(), Answers.declined(declined));
            }
            case TransientFailure failure -> settleUncertainLater(validated);
            case CircuitOpen open -> settleUncertainLater(validated);
        };
    }

    /**
     * {@link #settleUncertain} after a charge without a definite answer; if even the provider's
     * lookup fails, the donation (left {@code VALIDATED}, its key in flight) is handed to the
     * processor's background settlement ({@link DonationProcessor#settleLater}), which asks the
     * provider again with backoff until it answers, so that a retry of the key gets its final
     * answer without waiting for the next start. Nothing else writes this donation meanwhile:
     * its key is in flight (no second pipeline) and its review, if it had one, decided.
     */
    private Answer settleUncertainLater(Donation validated) {
        var answer = settleUncertain(validated, DonationSettlement.Interruption.PROVIDER_UNAVAILABLE.why());
        if (!answer.stored()) {
            DonationProcessor.settleLater(validated.idempotencyKey(), DonationSettlement.Interruption.PROVIDER_UNAVAILABLE);
        }
        return answer;
    }

    /**
     * Finishes a {@code VALIDATED} donation whose charge got no definite answer, by asking the
     * provider what it settled under the donation's key: a charge it made is recorded, a decline
     * fails the donation (402), nothing at all fails it with a stored 503 saying {@code whyNotCharged};
     * if the provider cannot even be asked, nothing changes and the answer is a transient 503.
     * Used by the live pipeline and by recovery; never charges.
     */
    public Answer settleUncertain(Donation donation, String whyNotCharged) {
        return switch (gateway.lookup(donation.idempotencyKey())) {
            case Found(var key, Charged charged) -> recordCharge(donation, charged.chargeId());
            case Found(var key, Declined declined) ->
                    finishFailed(donation.id(), key, "declined: " + declined.reason(), Answers.declined(declined));
            case Found found -> throw new IllegalStateException("the provider settled a donation's key as " + found.outcome());
            case NotFound notFound -> finishFailed(donation.id(), donation.idempotencyKey(), "not charged: " + whyNotCharged,
                    Answers.failedUncharged("NOT_CHARGED", whyNotCharged));
            case TransientFailure failure -> Answers.paymentPending();
            case CircuitOpen open -> Answers.paymentPending();
        };
    }

    /**
     * {@code CHARGED -> RECORDED -> RECEIPTED}: the ledger transaction, the stored 201 and the
     * receipt in one transaction, then the events; if the receipt cannot be issued, recorded
     * without it (see {@link #recordCharge}). Used by recovery.
     */
    public Answer recordAndReceipt(Donation charged) {
        var answer = Answers.accepted(charged);
        return published(recordThenReceipt(charged, answer,
                () -> donations.record(charged.id(), memo(charged), entries(charged)), ReceiptStep::receipt), answer);
    }

    /**
     * A {@code VALIDATED} donation the provider charged: {@code CHARGED} with its charge id,
     * {@code RECORDED} (ledger transaction, stored 201) and {@code RECEIPTED} (its receipt) in ONE
     * transaction, then the events. No separate {@code CHARGED} or {@code RECORDED} commit is
     * needed for recovery: until this commits the donation is {@code VALIDATED}, and recovery asks
     * the provider by key, which finds this charge and runs this again; once it commits nothing is
     * left to do.
     *
     * <p><b>A receipt that cannot be issued</b> must not keep a charged donation out of the
     * ledger: when the receipt step fails for any reason but an unavailable database (a setting
     * too long for its column, a date the Hijri calendar cannot print, a bug), the transaction
     * rolls back and a second one records the donation without its receipt: ledger, charge id,
     * the stored 201, phase {@code RECORDED}; a WARNING {@code event=receipt_failed} names the
     * donation and the error (no personal data). The client gets its 201 as usual. The receipt is
     * issued later by whatever receipts a {@code RECORDED} donation: start-up recovery, or
     * {@code amanah receipts}.
     */
    private Answer recordCharge(Donation validated, String chargeId) {
        var answer = Answers.accepted(validated, chargeId);
        return published(recordThenReceipt(validated, answer,
                () -> donations.recordCharged(validated, chargeId, memo(validated), entries(validated)),
                ReceiptStep::receiptNewlyRecorded), answer);
    }

    /**
     * Runs {@code record} (which moves the donation to {@code RECORDED}), stores {@code answer}
     * (its 201) for its key and runs {@code receipt} in one transaction; if the receipt step fails
     * permanently, runs {@code record} and stores the answer again in a transaction of their own
     * (see {@link #recordCharge}). Returns the donation as it was left.
     */
    private Donation recordThenReceipt(Donation donation, Answer answer, Supplier<Donation> record,
                                       BiFunction<ReceiptStep, Donation, Donation> receipt) {
        try {
            return database.inTransaction(connection -> {
                var recorded = record.get();
                keys.complete(recorded.idempotencyKey(), answer.status(), answer.body());
                try {
                    return receipt.apply(receiptStep, recorded);
                } catch (RuntimeException e) {
                    throw new ReceiptFailure(e);
                }
            });
        } catch (ReceiptFailure failure) {
            if (!failure.isPermanent()) {
                throw failure.reason();
            }
            var recorded = database.inTransaction(connection -> {
                var without = record.get();
                keys.complete(without.idempotencyKey(), answer.status(), answer.body());
                return without;
            });
            LOG.log(System.Logger.Level.WARNING, "event=receipt_failed donation=" + donation.id() + " " + failure.describe()
                    + " outcome=recorded_without_receipt next=recovery_or_amanah_receipts");
            return recorded;
        }
    }

    private static String memo(Donation donation) {
        return "donation " + donation.id();
    }

    /** The donation's ledger lines: the gateway's clearing account debited, the campaign credited. */
    private List<Entry> entries(Donation donation) {
        var amount = donation.amount();
        return List.of(
                Entry.debit(Account.clearing(gatewayName), amount),
                Entry.credit(Account.campaign(donation.campaignId()), amount));
    }

    /**
     * {@code RECORDED -> RECEIPTED} through the {@link ReceiptStep} (the receipt and its phase in
     * one transaction), then the events; the stored answer. Used by recovery.
     *
     * @throws ReceiptFailure if the receipt step failed (logged as {@code event=receipt_failed});
     *                        the donation stays {@code RECORDED}, in the ledger
     */
    Answer receipt(Donation recorded) {
        Donation receipted;
        try {
            receipted = receiptStep.receipt(recorded);
        } catch (RuntimeException e) {
            var failure = new ReceiptFailure(e);
            LOG.log(System.Logger.Level.WARNING, "event=receipt_failed donation=" + recorded.id() + " " + failure.describe()
                    + " outcome=still_recorded_without_receipt");
            throw failure;
        }
        return published(receipted);
    }

    /** Tells the statistics and PubSub of a committed, recorded (and usually receipted) donation; its answer. */
    private Answer published(Donation receipted) {
        return published(receipted, Answers.accepted(receipted));
    }

    /** {@link #published(Donation)} with its answer, built already. */
    private Answer published(Donation receipted, Answer answer) {
        publish(receipted);
        return answer;
    }

    private void publish(Donation donation) {
        var event = new DonationReceived(donation.campaignId(), donation.id(), donation.donor().id(), donation.amount(),
                clock.instant());
        // The statistics first: a subscriber that asks them on receiving the event finds it counted.
        stats.donationReceived(event);
        pubsub.broadcast(TOPIC, event);
        pubsub.broadcast("campaign:" + donation.campaignId(), event);
    }

    /** Any phase before {@code RECORDED -> FAILED} with the answer stored for the key, in one transaction. */
    Answer finishFailed(String donationId, String key, String reason, Answer answer) {
        database.useTransaction(connection -> {
            donations.fail(donationId, reason);
            keys.complete(key, answer.status(), answer.body());
        });
        return answer;
    }
}
