package dev.amanah.donations.recovery;

import dev.amanah.donations.pipeline.DonationSettlement;
import dev.amanah.donations.pipeline.RefundFlow;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.RefundStore;
import java.util.HashSet;

/**
 * Start-up recovery: finishes or fails every donation a previous run left in flight (a crash, a
 * {@code kill -9}), before the service takes requests. By phase:
 * <ul>
 *   <li>{@code CLAIMED}: never validated, so never charged: failed, the key answered 503
 *       {@code INTERRUPTED};</li>
 *   <li>{@code VALIDATED}: the charge may or may not have happened: the provider is asked by the
 *       donation's key; a charge it made is recorded, a decline fails the donation, nothing at
 *       all fails it (503 {@code NOT_CHARGED}). It never charges, so never twice. If the provider
 *       cannot be asked, the donation stays as it is (counted as {@code pending}) and its key
 *       answers 409 until a later start settles it;</li>
 *   <li>{@code CHARGED}: recorded (ledger and 201 answer in one transaction) and receipted;</li>
 *   <li>{@code RECORDED}: receipted. A receipt that cannot be issued (a WARNING
 *       {@code event=receipt_failed} names the donation) leaves it {@code RECORDED}, in the ledger
 *       and answered, for a later start or {@code amanah receipts}; recovery goes on with the others.</li>
 * </ul>
 * Then every refund still {@code PENDING} is settled as {@link RefundFlow#settle} does: the
 * provider is asked to refund under the refund's key (so at most once) and its answer posts or
 * voids the refund. Finally, an idempotency key claimed in flight with no donation (none can exist: the claim and
 * the donation are written in one transaction, but a key claimed by an older version could) is
 * released so a retry starts afresh. Each step is the pipeline's own, so a recovered donation
 * ends exactly as an uninterrupted one would have, events included. Runs in the calling process;
 * not meant to run beside live requests. (While the service runs, the {@link
 * dev.amanah.donations.pipeline.DonationProcessor} settles a crashed pipeline's donation the same
 * way at once.)
 */
public final class Recovery {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.recovery");

    /**
     * What a run did.
     *
     * @param failed   donations failed (never charged)
     * @param recorded donations recorded after a charge the crash interrupted
     * @param receipted donations only missing their receipt
     * @param receiptsFailed donations only missing their receipt, which could not be issued (still RECORDED)
     * @param pending  donations left for later (the provider could not be asked)
     * @param released keys released for lack of a donation
     * @param refundsSettled pending refunds whose provider answer was booked (posted or voided)
     */
    public record Report(int failed, int recorded, int receipted, int receiptsFailed, int pending, int released,
                         int refundsSettled) {
        @Override
        public String toString() {
            return "failed=" + failed + " recorded=" + recorded + " receipted=" + receipted + " receipts_failed=" + receiptsFailed
                    + " pending=" + pending
                    + " released=" + released + " refunds_settled=" + refundsSettled;
        }
    }

    private final DonationStore donations;
    private final IdempotencyStore keys;
    private final DonationSettlement settlement;
    private final RefundStore refunds;
    private final RefundFlow refundFlow;

    /** Recovery settling each unfinished donation with {@code settlement}, each pending refund with {@code refundFlow}. */
    public Recovery(DonationStore donations, IdempotencyStore keys, DonationSettlement settlement, RefundStore refunds,
                    RefundFlow refundFlow) {
        this.donations = donations;
        this.keys = keys;
        this.settlement = settlement;
        this.refunds = refunds;
        this.refundFlow = refundFlow;
    }

    /** Runs recovery once; blocks on the database and the gateway. */
    public Report run() {
        int failed = 0;
        int recorded = 0;
        int receipted = 0;
        int receiptsFailed = 0;
        int pending = 0;
        var withDonation = new HashSet<String>();
        for (var donation : donations.unfinished()) {
            withDonation.add(donation.idempotencyKey());
            LOG.log(System.Logger.Level.INFO, "event=recovering donation=" + donation.id() + " phase=" + donation.phase());
            switch (settlement.settle(donation, DonationSettlement.Interruption.RESTART).outcome()) {
                case FAILED -> failed++;
                case RECORDED -> recorded++;
                case RECEIPTED -> receipted++;
                case RECEIPT_FAILED -> receiptsFailed++;
                case PENDING -> pending++;
                case HELD, FINAL -> { }   // HELD: never here, recovery reads no donation held for review
            }
        }
        int released = 0;
        for (var key : keys.inFlight()) {
            if (!withDonation.contains(key.key()) && donations.findByIdempotencyKey(key.key()).isEmpty() && keys.release(key.key())) {
                released++;
            }
        }
        int refundsSettled = 0;
        for (var refund : refunds.pending()) {
            var donation = donations.get(refund.donationId());
            var answer = refundFlow.settle(refund, donation.gatewayChargeId().orElseThrow(), donation.campaignId());
            if (answer.stored()) {
                refundsSettled++;
            }
        }
        return new Report(failed, recorded, receipted, receiptsFailed, pending, released, refundsSettled);
    }
}
