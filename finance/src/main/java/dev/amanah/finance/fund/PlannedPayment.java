package dev.amanah.finance.fund;

import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * One line of a distribution plan: who is paid how much. A line on its own guarantees only that
 * both are given; the {@link DistributionPlan} holding it refuses a negative amount or one in
 * another currency than the plan's.
 *
 * @param recipient who is paid
 * @param amount    exact amount (zero or more in any plan)
 */
public record PlannedPayment(Recipient recipient, Money amount) {
    /** Requires both components. */
    public PlannedPayment {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
    }
}
