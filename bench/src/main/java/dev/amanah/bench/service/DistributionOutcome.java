package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What a distribution left behind, read back from the service's database and the sandbox
 * provider's journal, and the check that it is right ({@link #check}). All amounts in minor units.
 *
 * @param planStatus      the plan's status
 * @param payoutRows      the plan's rows in the payouts table
 * @param paidRows        of those, how many are {@code PAID}
 * @param recipientsPaid  distinct recipients of the plan with a {@code PAID} payout of exactly their line's amount
 * @param paidMinor       the sum of the {@code PAID} payouts
 * @param keysPaidOnce    {@code PAID} payouts whose key the provider paid exactly once
 * @param providerPayouts every payout the provider's journal holds, all keys together (duplicates counted)
 * @param ledgerSumMinor  the sum of every account's balance (debits minus credits): zero when the ledger balances
 * @param fundMinor       the fund's (campaign's) balance, credit side
 * @param payablesMinor   what the recipients' payables still hold (credit side): what is owed and unpaid
 * @param clearingMinor   the gateway's clearing account, debit side: what came in less what was paid out
 */
record DistributionOutcome(PlanStatus planStatus, int payoutRows, int paidRows, int recipientsPaid, long paidMinor,
                           int keysPaidOnce, long providerPayouts, long ledgerSumMinor, long fundMinor, long payablesMinor,
                           long clearingMinor) {

    /**
     * Reads the outcome of plan {@code planId} (drawn on {@code campaignId}, paid through the
     * gateway named {@code gateway}). Blocks on the database; reads every payout and ledger balance.
     */
    static DistributionOutcome read(PlanStore plans, PayoutStore payouts, LedgerStore ledger, SandboxGateway sandbox,
                                    String planId, String campaignId, String gateway) {
        var plan = plans.get(planId);
        var currency = plan.total().currency();
        Map<String, Long> lineAmounts = new HashMap<>();
        for (PlanLine line : plan.lines()) {
            lineAmounts.put(line.recipientId(), line.amount().minorUnits());
        }
        List<Payout> rows = payouts.ofPlan(planId);
        var provider = sandbox.payoutCounts();
        var recipients = new HashSet<String>();
        int paid = 0;
        int keysPaidOnce = 0;
        long paidMinor = 0;
        for (var payout : rows) {
            if (payout.status() != PayoutStatus.PAID) {
                continue;
            }
            paid++;
            paidMinor += payout.amount().minorUnits();
            Long owed = lineAmounts.get(payout.recipientId());
            if (owed != null && owed == payout.amount().minorUnits()) {
                recipients.add(payout.recipientId());
            }
            if (provider.getOrDefault(payout.idempotencyKey(), 0L) == 1L) {
                keysPaidOnce++;
            }
        }
        long ledgerSum = 0;
        long payables = 0;
        for (var balance : ledger.balances()) {
            ledgerSum += balance.balance().minorUnits();
            var type = balance.account().type();
            if (type == AccountType.RECIPIENT_PAYABLE || type == AccountType.ADMINISTRATORS_SHARE) {
                payables -= balance.balance().minorUnits();
            }
        }
        return new DistributionOutcome(plan.status(), rows.size(), paid, recipients.size(), paidMinor, keysPaidOnce,
                provider.values().stream().mapToLong(Long::longValue).sum(), ledgerSum,
                ledger.creditBalance(Account.campaign(campaignId), currency).minorUnits(), payables,
                ledger.balance(Account.clearing(gateway), currency).minorUnits());
    }

    /**
     * Throws unless the distribution of {@code totalMinor} among {@code recipients}, from a fund
     * that held {@code fundedMinor}, was paid right: the plan {@code PAID}; one payout row per
     * recipient, each {@code PAID} with its line's amount and paid once by the provider, which paid
     * nothing else; the payouts summing to the total to the minor unit; the ledger balanced, the
     * fund fallen by exactly the total, nothing left owed, the clearing account down by the total.
     *
     * @throws BenchmarkFailure naming the first thing wrong and the figures compared
     */
    void check(String scenario, int recipients, long totalMinor, long fundedMinor) {
        BenchmarkFailure.check(planStatus == PlanStatus.PAID, () -> scenario + ": the plan ended " + planStatus + ", not PAID");
        BenchmarkFailure.check(payoutRows == recipients && paidRows == recipients, () -> scenario + ": " + payoutRows
                + " payout rows, " + paidRows + " paid, for " + recipients + " recipients");
        BenchmarkFailure.check(recipientsPaid == recipients, () -> scenario + ": " + recipientsPaid + " of " + recipients
                + " recipients paid their line's amount");
        BenchmarkFailure.check(keysPaidOnce == recipients && providerPayouts == recipients, () -> scenario
                + ": the provider paid " + keysPaidOnce + " payouts' keys exactly once and " + providerPayouts
                + " payouts in all, for " + recipients + " recipients");
        BenchmarkFailure.check(paidMinor == totalMinor, () -> scenario + ": the payouts sum to " + paidMinor
                + ", the plan's total is " + totalMinor);
        BenchmarkFailure.check(ledgerSumMinor == 0, () -> scenario + ": the ledger's balances sum to " + ledgerSumMinor
                + ", not zero");
        BenchmarkFailure.check(fundMinor == fundedMinor - totalMinor, () -> scenario + ": the fund holds " + fundMinor
                + " after holding " + fundedMinor + " and distributing " + totalMinor);
        BenchmarkFailure.check(payablesMinor == 0, () -> scenario + ": the recipients' payables still hold " + payablesMinor);
        BenchmarkFailure.check(clearingMinor == fundedMinor - totalMinor, () -> scenario + ": the clearing account holds "
                + clearingMinor + ", expected " + (fundedMinor - totalMinor));
    }
}
