package dev.amanah.finance.zakat;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;

/**
 * The result of a zakat assessment: {@link Due} or {@link NotDue}, each with its full
 * {@link Explanation}.
 */
public sealed interface Assessment permits Assessment.Due, Assessment.NotDue {

    /** The assessment currency. */
    Currency currency();

    /** Total counted assets less deducted liabilities, exact (may be negative). */
    BigDecimal netWealth();

    /** The nisab used. */
    Nisab nisab();

    /** Every step taken. */
    Explanation explanation();

    /**
     * Zakat is due.
     *
     * @param currency    the assessment currency
     * @param netWealth   the exact net wealth, at or above nisab
     * @param nisab       the nisab used
     * @param zakatDay    the day the hawl completed
     * @param rate        the rate applied to the whole net wealth (0.025 or 0.02577)
     * @param exactAmount {@code netWealth × rate}, unrounded
     * @param amountDue   {@code exactAmount} rounded up to the minor unit: never underpaid
     * @param rounding    the rounding applied ({@link RoundingMode#CEILING} to the currency's scale)
     * @param explanation every step
     */
    record Due(Currency currency, BigDecimal netWealth, Nisab nisab, LocalDate zakatDay, BigDecimal rate,
               BigDecimal exactAmount, Money amountDue, RoundingMode rounding, Explanation explanation)
            implements Assessment {
    }

    /**
     * Zakat is not due.
     *
     * @param currency    the assessment currency
     * @param netWealth   the exact net wealth
     * @param nisab       the nisab used
     * @param reason      why nothing is due
     * @param explanation every step
     */
    record NotDue(Currency currency, BigDecimal netWealth, Nisab nisab, NotDueReason reason, Explanation explanation)
            implements Assessment {
    }
}
