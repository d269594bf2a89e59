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

    /** Only the phase, no document: the step when receipts are switched off. */
    static ReceiptStep phaseOnly(DonationStore donations) {
        return recorded -> donations.markReceipted(recorded.id());
    }
}
