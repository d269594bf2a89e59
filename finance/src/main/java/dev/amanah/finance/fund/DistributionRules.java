package dev.amanah.finance.fund;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;

/**
 * The organisation's rules for distributing restricted funds.
 *
 * @param administratorsCap the largest fraction of a zakat distribution that may go to the
 *                          ADMINISTRATORS category (default 0.125, one eighth)
 */
public record DistributionRules(BigDecimal administratorsCap) {

    /** One eighth, the share of one of the eight categories. */
    public static final BigDecimal DEFAULT_ADMINISTRATORS_CAP = new BigDecimal("0.125");

    /** @throws FinanceException {@code INVALID_FRACTION} (field {@code administratorsCap}) unless in [0, 1] */
    public DistributionRules {
        if (administratorsCap.signum() < 0 || administratorsCap.compareTo(BigDecimal.ONE) > 0) {
            throw new FinanceException(ErrorCode.INVALID_FRACTION, "administratorsCap",
                    "the cap must be between 0 and 1, was " + administratorsCap.toPlainString());
        }
    }

    /** The default rules: administrators capped at 12.5 %. */
    public static DistributionRules defaults() {
        return new DistributionRules(DEFAULT_ADMINISTRATORS_CAP);
    }
}
