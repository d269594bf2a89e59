package dev.amanah.donations.store;

import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * A refund request as {@link RefundStore#request} takes it, with its two ledger steps (the rules
 * of {@link dev.amanah.finance.ledger.DonationBook#requestRefund}).
 *
 * @param id             unique, at most 64 characters
 * @param idempotencyKey the request's key: the same key again replays the first request
 * @param donationId     the recorded donation being refunded
 * @param amount         positive, in the donation's currency
 * @param memo           what happened, for the ledger
 * @param release        posted at once: the campaign or fund released to refunds payable
 * @param pending        held until the gateway answers: refunds payable to the gateway's clearing
 */
public record NewRefund(String id, String idempotencyKey, String donationId, Money amount, String memo,
                        List<Entry> release, List<Entry> pending) {

    /** @throws IllegalArgumentException unless the amount is positive and the texts fit their columns */
    public NewRefund {
        Limits.require("id", id, Limits.ID);
        Limits.require("idempotencyKey", idempotencyKey, Limits.KEY);
        Limits.require("donationId", donationId, Limits.ID);
        Objects.requireNonNull(amount, "amount");
        Limits.require("memo", memo, Limits.TEXT);
        release = List.copyOf(release);
        pending = List.copyOf(pending);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund must be positive, was " + amount);
        }
    }
}
