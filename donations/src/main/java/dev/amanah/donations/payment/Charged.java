package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * The donor was charged.
 *
 * @param chargeId the provider's id of the charge (for refunds and reconciliation)
 * @param amount   what was charged
 */
public record Charged(String chargeId, Money amount) implements ChargeOutcome, Settled {
    public Charged {
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(amount, "amount");
    }
}
