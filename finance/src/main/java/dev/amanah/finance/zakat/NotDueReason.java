package dev.amanah.finance.zakat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Why zakat is not due. Figures are exact; for weight assessments they are grams. */
public sealed interface NotDueReason {

    /** One sentence for people. */
    String describe();

    /**
     * Net wealth is zero or negative: debts exceed assets. Not an error, simply nothing owed.
     *
     * @param netWealth the exact net wealth
     */
    record NoNetWealth(BigDecimal netWealth) implements NotDueReason {
        @Override
        public String describe() {
            return "net wealth " + Format.plain(netWealth) + " is not positive";
        }
    }

    /**
     * Net wealth is positive but below nisab (one minor unit below is enough).
     *
     * @param netWealth the exact net wealth
     * @param nisab     the exact nisab
     */
    record BelowNisab(BigDecimal netWealth, BigDecimal nisab) implements NotDueReason {
        @Override
        public String describe() {
            return "net wealth " + Format.plain(netWealth) + " is below nisab " + Format.plain(nisab);
        }
    }

    /**
     * The hawl has not yet run its year.
     *
     * @param hawlStart the day the current hawl began
     * @param zakatDay  the day it completes
     */
    record HawlIncomplete(LocalDate hawlStart, LocalDate zakatDay) implements NotDueReason {
        @Override
        public String describe() {
            return "the hawl that began on " + hawlStart + " completes on " + zakatDay;
        }
    }

    /**
     * The hawl was broken and nisab was not reached again before the assessment date.
     *
     * @param brokenOn the day wealth fell below what the hawl rule allows
     */
    record HawlBroken(LocalDate brokenOn) implements NotDueReason {
        @Override
        public String describe() {
            return "the hawl was broken on " + brokenOn + " and nisab has not been reached since";
        }
    }
}
