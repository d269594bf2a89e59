package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * One payment of an approved distribution plan, as {@link PayoutStore#create} takes it.
 *
 * @param id             unique, at most 64 characters
 * @param idempotencyKey the key passed to the gateway; the same key again is the same payout
 * @param planId         the distribution plan
 * @param recipientId    who is paid
 * @param amount         how much, positive
 */
public record NewPayout(String id, String idempotencyKey, String planId, String recipientId, Money amount) {

    /** @throws IllegalArgumentException unless the amount is positive and the texts fit their columns */
    public NewPayout {
        Limits.require("id", id, Limits.ID);
        Limits.require("idempotencyKey", idempotencyKey, Limits.KEY);
        Limits.require("planId", planId, Limits.ID);
        Limits.require("recipientId", recipientId, Limits.ID);
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payout must be positive, was " + amount);
        }
    }
}
