package dev.amanah.donations.importer;

import dev.amanah.donations.store.Donor;
import dev.amanah.finance.money.Money;
import java.time.Instant;

/**
 * One valid row of an import file.
 *
 * @param line       its line in the file (1 is the header)
 * @param reference  the payment's reference at its source, unique in the file: the row's stable key
 * @param receivedAt when the money was received (UTC); the donation and its ledger transaction carry this time
 * @param campaignId the campaign it is for (exists, same currency)
 * @param donor      who gave
 * @param amount     what they gave, positive, at the currency's scale
 */
public record ImportRow(long line, String reference, Instant receivedAt, String campaignId, Donor donor, Money amount) {

    /** The idempotency key of the imported donation: the same reference is the same donation, however often imported. */
    public String idempotencyKey() {
        return "import:" + reference;
    }
}
