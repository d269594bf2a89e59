package dev.amanah.donations.report;

import dev.amanah.donations.store.AccountBalance;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.util.Currency;
import java.util.List;

/**
 * One section of a monthly report, computed on its own (each in its own task). Amounts are exact
 * {@link Money}; lines in different currencies are never added together.
 */
public sealed interface Section {

    /**
     * Donations recorded in the month, by fund type (the campaign's) and currency.
     *
     * @param lines one per fund and currency, ordered by fund then currency
     */
    record Totals(List<FundLine> lines) implements Section {
        public Totals {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One fund in one currency.
     *
     * @param fund      the fund type of the donations' campaigns
     * @param donations how many donations were recorded
     * @param gross     their sum
     * @param refunded  refunds requested in the month, of this fund's donations of any month: their
     *                  release from the campaign was posted then, whatever became of them later
     * @param voided    refunds voided in the month (the gateway refused them), requested in it or
     *                  before: their release was reversed then, the money back in the campaign
     * @param net       {@code gross - refunded + voided}: what the campaigns' ledger accounts gained
     *                  in the month from donations and refunds
     */
    record FundLine(FundType fund, long donations, Money gross, Money refunded, Money voided, Money net) {
        /** The line's currency. */
        public Currency currency() {
            return gross.currency();
        }
    }

    /**
     * Who gave in the month. A donor is returning if they had a recorded donation before the
     * month (to the organisation, or to the campaign for a campaign report); new otherwise.
     *
     * @param donors    distinct donors in the month
     * @param newDonors of whom first-time
     * @param returning of whom had given before
     * @param donations recorded donations in the month
     */
    record Donors(long donors, long newDonors, long returning, long donations) implements Section {
    }

    /**
     * Refunds requested in the month, by their status at the month's end (one resolved later is
     * {@code PENDING}) and currency.
     *
     * @param lines one per status and currency
     */
    record Refunds(List<RefundLine> lines) implements Section {
        public Refunds {
            lines = List.copyOf(lines);
        }
    }

    /** Refunds of one status in one currency. */
    record RefundLine(RefundStatus status, long count, Money total) {
    }

    /**
     * Payouts of distribution plans, each with its status at the month's end: paid or cancelled
     * ones in the month their ledger transaction was posted, the others (declined, or else
     * pending) in every month at whose end their money is still in the recipient's payable.
     *
     * @param lines    one per group, status and currency
     * @param payables one per currency: what the payouts owed to recipients did in the month
     * @param note     what the figures can and cannot say (how the payouts are grouped)
     */
    record Distributions(List<DistributionLine> lines, List<PayableLine> payables, String note) implements Section {
        public Distributions {
            lines = List.copyOf(lines);
            payables = List.copyOf(payables);
        }
    }

    /**
     * The money owed to recipients through payouts in one currency, rolled forward over the month:
     * {@code owedAtEnd = owedAtStart + movedIn - paid - cancelled}, and {@code owedAtEnd} is what
     * the recipients' payables (and the administrators' share) hold for these payouts at the
     * month's end, the sum of the section's {@code PENDING} and {@code DECLINED} lines.
     *
     * @param owedAtStart payouts funded before the month and not settled before it
     * @param movedIn     payouts whose plan's funding (campaign to payables) was posted in the month
     * @param paid        payouts paid in the month
     * @param cancelled   payouts cancelled in the month, their money back in the campaign
     * @param owedAtEnd   payouts funded by the month's end and not settled by then
     */
    record PayableLine(Money owedAtStart, Money movedIn, Money paid, Money cancelled, Money owedAtEnd) {
        /**
         * @throws IllegalArgumentException if the amounts do not add up
         * @throws dev.amanah.finance.FinanceException {@code CURRENCY_MISMATCH} if they are in different currencies
         */
        public PayableLine {
            if (!owedAtStart.plus(movedIn).minus(paid).minus(cancelled).equals(owedAtEnd)) {
                throw new IllegalArgumentException("owed at start " + owedAtStart + " + moved in " + movedIn + " - paid " + paid
                        + " - cancelled " + cancelled + " is not owed at end " + owedAtEnd);
            }
        }

        /** The line's currency. */
        public Currency currency() {
            return owedAtStart.currency();
        }
    }

    /**
     * One group of payouts.
     *
     * @param group  what the payouts are grouped by (the recipient category when recorded; the plan otherwise)
     * @param status their status
     * @param count  how many
     * @param total  their sum
     */
    record DistributionLine(String group, PayoutStatus status, long count, Money total) {
    }

    /**
     * The ledger at the end of the month: account balances and, per currency, the sum of all
     * debits and of all credits, which double entry requires to be equal.
     *
     * @param balances account balances (debit-positive): every account for the organisation, the campaign's own for a campaign
     * @param trial    one line per currency over the whole ledger
     */
    record Ledger(List<AccountBalance> balances, List<TrialLine> trial) implements Section {
        public Ledger {
            balances = List.copyOf(balances);
            trial = List.copyOf(trial);
        }

        /** Whether every currency's debits equal its credits. */
        public boolean balanced() {
            return trial.stream().allMatch(TrialLine::balanced);
        }
    }

    /** All debits and all credits in one currency. */
    record TrialLine(Money debits, Money credits) {
        /** {@code debits - credits}: zero in a sound ledger. */
        public Money difference() {
            return debits.minus(credits);
        }

        /** Whether debits equal credits. */
        public boolean balanced() {
            return difference().isZero();
        }
    }
}
