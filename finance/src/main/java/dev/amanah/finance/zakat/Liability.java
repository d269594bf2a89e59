package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;

/**
 * A debt deducted from zakatable wealth. Only what falls due within the coming year is deducted:
 * a mortgage is not deducted in full, only its next twelve months of principal.
 */
public sealed interface Liability permits Liability.DueWithinYear, Liability.Instalments, Liability.Arrears {

    /** A label for explanations. */
    String description();

    /** The amount deducted from wealth, exact, in the debt's currency. */
    Money deductible();

    /** What kind of debt this is and how the deductible part was found, for explanations. */
    String rule();

    /**
     * A debt payable within the coming 12 lunar months (a loan due, a bill, a tax), deducted in full.
     *
     * @param description a label
     * @param amount      the amount due, zero or more
     */
    record DueWithinYear(String description, Money amount) implements Liability {
        /** @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code amount}) if negative */
        public DueWithinYear {
            requireNonNegative(amount, "amount");
        }

        @Override
        public Money deductible() {
            return amount;
        }

        @Override
        public String rule() {
            return "debt due within 12 lunar months, deducted in full";
        }
    }

    /**
     * A long-term debt repaid in monthly instalments: only the principal of the next 12 months is
     * deducted (interest or profit is not), and never more than the principal outstanding.
     *
     * @param description          a label
     * @param monthlyPrincipal     the principal part of one monthly instalment, zero or more
     * @param outstandingPrincipal the principal still owed, zero or more
     */
    record Instalments(String description, Money monthlyPrincipal, Money outstandingPrincipal) implements Liability {
        /**
         * @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code monthlyPrincipal} or
         *                          {@code outstandingPrincipal}), {@code CURRENCY_MISMATCH}
         */
        public Instalments {
            requireNonNegative(monthlyPrincipal, "monthlyPrincipal");
            requireNonNegative(outstandingPrincipal, "outstandingPrincipal");
            monthlyPrincipal.requireSameCurrency(outstandingPrincipal);
        }

        @Override
        public Money deductible() {
            // Compared before it is made an amount: twelve payments may be more than any amount can
            // be, the outstanding principal, which is deducted then, never is.
            var year = monthlyPrincipal.amount().multiply(BigDecimal.valueOf(12));
            return year.compareTo(outstandingPrincipal.amount()) <= 0 ? Money.of(year, monthlyPrincipal.currency()) : outstandingPrincipal;
        }

        @Override
        public String rule() {
            return "next 12 monthly instalments, principal only: min(12 × " + monthlyPrincipal.amount().toPlainString()
                    + ", outstanding " + outstandingPrincipal.amount().toPlainString() + ")";
        }
    }

    /**
     * Instalments or bills already overdue, deducted in full.
     *
     * @param description a label
     * @param amount      the amount overdue, zero or more
     */
    record Arrears(String description, Money amount) implements Liability {
        /** @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code amount}) if negative */
        public Arrears {
            requireNonNegative(amount, "amount");
        }

        @Override
        public Money deductible() {
            return amount;
        }

        @Override
        public String rule() {
            return "arrears, deducted in full";
        }
    }

    private static void requireNonNegative(Money amount, String field) {
        if (amount.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, field, "a debt must not be negative, was " + amount);
        }
    }
}
