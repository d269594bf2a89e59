package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * The refund went through.
 *
 * @param refundId the provider's id of the refund
 * @param chargeId the charge it refunds
 * @param amount   what was refunded
 */
public record Refunded(String refundId, String chargeId, Money amount) implements RefundOutcome, Settled {
    public Refunded {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(amount, "amount");
    }
}
