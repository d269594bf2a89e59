package dev.amanah.finance.fund;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * One line of a distribution plan: who is paid how much.
 *
 * @param recipient who is paid
 * @param amount    exact amount, zero or more
 */
public record PlannedPayment(Recipient recipient, Money amount) {
    /** Requires both components. */
    public PlannedPayment {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
    }
}
