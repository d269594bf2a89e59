package dev.amanah.examples;

import dev.amanah.finance.money.Money;
import dev.amanah.finance.zakat.YearBasis;
import java.math.RoundingMode;

/**
 * The seed's {@code calculate_zakat(wealth, nisab)}, corrected, shared by the examples that use it.
 *
 * <p>The seed writes {@code wealth * 0.025 when wealth > nisab}: a binary float for money, and a
 * nisab that is only reached above it. Here, as in the finance module's {@code ZakatCalculator}:
 * the amounts are exact {@link Money}; wealth <em>equal</em> to the nisab has reached it; the rate
 * is the lunar year's 2.5 % ({@link YearBasis#LUNAR}); the product is rounded up ({@code CEILING})
 * to the currency's minor unit, so zakat is never underpaid. The full assessment (assets, debts,
 * nisab from metal prices, hawl) is {@code dev.amanah.finance.zakat.ZakatCalculator}; the examples
 * keep the seed's two-argument shape.
 */
public final class SimpleZakat {
    private SimpleZakat() {
    }

    /**
     * 2.5 % of {@code wealth} if it has reached {@code nisab}, else zero, in wealth's currency.
     *
     * @throws dev.amanah.finance.FinanceException {@code CURRENCY_MISMATCH} if the two amounts are
     *                                             in different currencies
     */
    public static Money calculateZakat(Money wealth, Money nisab) {
        return wealth.compareTo(nisab) >= 0
                ? wealth.times(YearBasis.LUNAR.rate(), RoundingMode.CEILING)
                : Money.zero(wealth.currency());
    }
}
