package dev.amanah.donations.store;

import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a distribution plan as stored: who is paid, where, and how much.
 *
 * @param line          its number in the plan, from 1
 * @param recipientId   the recipient's id (unique in the plan, at most 64 characters)
 * @param recipientName a name for people (at most 200 characters)
 * @param zakatCategory the category of Qur'an 9:60 the recipient is paid under, if any
 * @param accountRef    the provider's reference of the recipient's account (at most 128 characters)
 * @param ratio         the share the amount was allocated by (non-negative, exact)
 * @param amount        the allocated amount, zero or more
 */
public record PlanLine(int line, String recipientId, String recipientName, Optional<ZakatCategory> zakatCategory,
                       String accountRef, BigDecimal ratio, Money amount) {

    /** @throws IllegalArgumentException for a line below 1, a negative ratio or amount, or texts too long */
    public PlanLine {
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, was " + line);
        }
        Limits.require("recipientId", recipientId, Limits.ID);
        Limits.require("recipientName", recipientName, Limits.NAME);
        Limits.require("accountRef", accountRef, Limits.REFERENCE);
        Objects.requireNonNull(zakatCategory, "zakatCategory");
        if (ratio.signum() < 0 || ratio.toPlainString().length() > 40) {
            throw new IllegalArgumentException("ratio must be non-negative and at most 40 characters, was " + ratio);
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
    }
}
