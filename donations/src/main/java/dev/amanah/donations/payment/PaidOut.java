package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * The payout went through.
 *
 * @param payoutId     the provider's id of the payout
 * @param recipientRef who was paid
 * @param amount       what was paid
 */
public record PaidOut(String payoutId, String recipientRef, Money amount) implements PayoutOutcome, Settled {
    public PaidOut {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(recipientRef, "recipientRef");
        Objects.requireNonNull(amount, "amount");
    }
}
