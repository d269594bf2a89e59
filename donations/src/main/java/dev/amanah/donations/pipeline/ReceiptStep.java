package dev.amanah.donations.pipeline;

import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationStore;

/**
 * The pipeline's last step: takes a {@code RECORDED} donation to {@code RECEIPTED}, issuing
 * whatever acknowledges it (see {@link dev.amanah.donations.receipt.ReceiptIssuer}). It must be
 * idempotent — recovery runs it again for a donation whose run died — and must commit the phase
 * in the same transaction as whatever it issues, so a crash leaves both or neither. The pipeline
 * calls it inside the transaction that records the donation, which it must join (as every
 * {@link dev.amanah.donations.store.Database#inTransaction} does); anything to do only after the
 * commit goes through {@link dev.amanah.donations.store.Database#afterCommit}.
 */
@FunctionalInterface
public interface ReceiptStep {
    /**
     * Receipts {@code recorded} and returns it as it now is ({@code RECEIPTED}); blocks on the database.
     *
     * @throws dev.amanah.donations.store.StoreException {@code ILLEGAL_TRANSITION} if it is not recorded
     */
    Donation receipt(Donation recorded);

    /**
     * {@link #receipt}, for a donation that the caller's transaction has itself just moved to
     * {@code RECORDED} (and that is given as that move left it): a step may then skip what it
     * checks against a donation of unknown history (its lock, an earlier receipt). Same result and
     * the same guarantees; by default it is {@link #receipt}.
     *
     * @throws dev.amanah.donations.store.StoreException {@code ILLEGAL_TRANSITION} if it is not recorded
     */
    default Donation receiptNewlyRecorded(Donation recorded) {
        return receipt(recorded);
    }

    /** Only the phase, no document: the step when receipts are switched off. */
    static ReceiptStep phaseOnly(DonationStore donations) {
        return new ReceiptStep() {
            @Override
            public Donation receipt(Donation recorded) {
                return donations.markReceipted(recorded.id());
            }

            @Override
            public Donation receiptNewlyRecorded(Donation recorded) {
                return donations.receiptedFrom(recorded);
            }
        };
    }
}
