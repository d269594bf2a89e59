package dev.amanah.finance.ledger;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.ApprovedDistribution;
import dev.amanah.finance.fund.Fund;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.PaymentSplit;
import dev.amanah.finance.money.Money;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard bookings of a donation platform on top of a {@link Ledger}: donations, zakat
 * payments, refunds and distributions, each as balanced transactions.
 *
 * <p>The bookings:
 * <ul>
 *   <li><b>donation</b> of G with gateway fee F: debit clearing G − F, debit gateway fees F,
 *       credit the fund or campaign G (the fund receives what the donor gave; the fee is the
 *       organisation's cost);</li>
 *   <li><b>zakat payment</b>: the same, the credit split by {@link PaymentSplit} between the
 *       zakat fund (up to the amount due) and the sadaqah fund (any excess);</li>
 *   <li><b>refund</b>, in two steps: posted at once, debit the fund(s), credit refunds payable
 *       (the money is no longer the fund's); then held pending at the gateway, debit refunds
 *       payable, credit clearing. The gateway's answer posts it, or voids it and reverses the
 *       first step, which returns the money to the fund;</li>
 *   <li><b>distribution</b> of an approved plan: debit the fund, credit each recipient's payable
 *       (the administrators' lines to the administrators' share account).</li>
 * </ul>
 * A refund never returns more than its donation gave, counting refunds pending or confirmed,
 * and takes from the donation's last booking first (the sadaqah excess of a zakat payment before
 * its zakat). Nothing leaves a fund that does not hold it.
 */
public final class DonationBook {
    private final Ledger ledger;
    private final String gateway;
    private final Map<String, List<Line>> donations = new HashMap<>();
    private final Map<String, Refund> refunds = new HashMap<>();
    /** The ids of the plans already distributed: a plan is paid once. */
    private final Set<String> distributedPlans = new HashSet<>();

    /** One fund credited by a donation, and how much of it has been refunded. */
    private record Line(Account account, Money given, Money refunded) {
        Money refundable() {
            return given.minus(refunded);
        }
    }

    /**
     * A refund in flight or done.
     *
     * @param id         the refund id
     * @param donationId the donation refunded
     * @param amount     the amount
     * @param release    the posted transaction that took the money out of the fund(s)
     * @param transferId the pending transfer at the gateway
     */
    public record Refund(String id, String donationId, Money amount, Transaction release, long transferId) {
    }

    /**
     * A book over a ledger, for one gateway.
     *
     * @param ledger  the ledger written to
     * @param gateway the gateway whose clearing and fee accounts are used
     */
    public DonationBook(Ledger ledger, String gateway) {
        this.ledger = ledger;
        this.gateway = gateway;
    }

    /** The ledger written to. */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Books a donation of {@code gross} to a fund or campaign account, of which the gateway kept {@code fee}.
     *
     * @throws FinanceException {@code DUPLICATE_ID} (field {@code donationId}); {@code NON_POSITIVE_ENTRY}
     *     (field {@code gross}) unless positive; {@code NEGATIVE_AMOUNT} (field {@code fee}) unless
     *     0 ≤ fee ≤ gross; {@code CURRENCY_MISMATCH}; {@code NOT_A_DONATION_TARGET} (field
     *     {@code target}) for any other account than a fund's or a campaign's
     */
    public Transaction donate(String donationId, Account target, Money gross, Money fee) {
        if (target.type() != AccountType.FUND && target.type() != AccountType.CAMPAIGN) {
            // Money given straight to the administrators' share or a recipient's payable would
            // skip the distribution plan: its eligibility rules, its cap and its four eyes.
            throw new FinanceException(ErrorCode.NOT_A_DONATION_TARGET, "target",
                    "a donation goes to a fund or a campaign, not to " + target);
        }
        return receive(donationId, gross, fee, List.of(new Line(target, gross, Money.zero(gross.currency()))),
                "donation " + donationId + " to " + target);
    }

    /**
     * Books a payment of zakat against an amount due: the due part to the zakat fund, any excess
     * to the sadaqah fund (accepted, never rejected).
     *
     * @throws FinanceException as {@link #donate}, and as {@link PaymentSplit#of};
     *     {@code WRONG_FUND_TYPE} (field {@code zakatFund} or {@code sadaqahFund}) unless the
     *     first is a zakat or zakat al-fitr fund and the second another fund, of sadaqah
     */
    public Transaction payZakat(String donationId, Fund zakatFund, Fund sadaqahFund, Money due, Money paid, Money fee) {
        if (!zakatFund.type().restrictedToEightCategories()) {
            throw new FinanceException(ErrorCode.WRONG_FUND_TYPE, "zakatFund",
                    zakatFund.id() + " is a " + zakatFund.type() + " fund, not a zakat fund");
        }
        if (sadaqahFund.type() != FundType.SADAQAH) {
            throw new FinanceException(ErrorCode.WRONG_FUND_TYPE, "sadaqahFund",
                    sadaqahFund.id() + " is a " + sadaqahFund.type() + " fund, not a sadaqah fund (an overpayment of zakat is sadaqah)");
        }
        if (sadaqahFund.id().equals(zakatFund.id())) {
            throw new FinanceException(ErrorCode.WRONG_FUND_TYPE, "sadaqahFund",
                    "the zakat and the sadaqah fund are one account, " + zakatFund.id() + ": their money must stay apart");
        }
        var split = PaymentSplit.of(due, paid);
        var zero = Money.zero(paid.currency());
        var lines = new ArrayList<Line>();
        if (split.zakat().signum() > 0) {
            lines.add(new Line(Account.fund(zakatFund), split.zakat(), zero));
        }
        if (split.sadaqah().signum() > 0) {
            lines.add(new Line(Account.fund(sadaqahFund), split.sadaqah(), zero));
        }
        return receive(donationId, paid, fee, lines, "zakat payment " + donationId + " (due " + due + ")");
    }

    /**
     * Starts a refund: takes the money out of the donation's fund(s) at once and holds the payout
     * at the gateway until {@link #confirmRefund} or {@link #failRefund}.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code donationId}), {@code DUPLICATE_ID}
     *     (field {@code refundId}), {@code NON_POSITIVE_ENTRY} (field {@code amount}),
     *     {@code REFUND_EXCEEDS_DONATION} (field {@code amount}) above what remains refundable,
     *     {@code INSUFFICIENT_FUNDS} (field {@code amount}) if a fund no longer holds the money
     */
    public Refund requestRefund(String refundId, String donationId, Money amount) {
        var lines = donations.get(donationId);
        if (lines == null) {
            throw new FinanceException(ErrorCode.UNKNOWN_ID, "donationId", "no donation " + donationId);
        }
        if (refunds.containsKey(refundId)) {
            throw new FinanceException(ErrorCode.DUPLICATE_ID, "refundId", "refund " + refundId + " exists");
        }
        if (amount.signum() <= 0) {
            throw new FinanceException(ErrorCode.NON_POSITIVE_ENTRY, "amount", "a refund must be positive, was " + amount);
        }
        var refundable = refundable(donationId);
        if (amount.compareTo(refundable) > 0) {
            throw new FinanceException(ErrorCode.REFUND_EXCEEDS_DONATION, "amount",
                    "refund of " + amount + " is more than the " + refundable + " still refundable on donation " + donationId);
        }
        // A donation's lines are in distinct accounts (payZakat refuses one fund for both), so each
        // line's check is its account's.
        var debits = new ArrayList<Entry>();
        var updated = new ArrayList<>(lines);
        var left = amount;
        for (var i = updated.size() - 1; i >= 0 && left.signum() > 0; i--) {
            var line = updated.get(i);
            var take = min(left, line.refundable());
            if (take.signum() > 0) {
                requireHeld(line.account(), take);
                debits.add(Entry.debit(line.account(), take));
                updated.set(i, new Line(line.account(), line.given(), line.refunded().plus(take)));
                left = left.minus(take);
            }
        }
        var entries = new ArrayList<>(debits);
        entries.add(Entry.credit(Account.refundsPayable(), amount));
        var release = ledger.post("refund " + refundId + " of donation " + donationId, entries);
        var transfer = ledger.hold("refund " + refundId + " paid out by " + gateway, List.of(
                Entry.debit(Account.refundsPayable(), amount), Entry.credit(Account.clearing(gateway), amount)));
        donations.put(donationId, List.copyOf(updated));
        var refund = new Refund(refundId, donationId, amount, release, transfer.id());
        refunds.put(refundId, refund);
        return refund;
    }

    /**
     * The gateway paid the refund: posts the held payout.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code refundId}), {@code TRANSFER_NOT_PENDING}
     */
    public Transaction confirmRefund(String refundId) {
        return ledger.postPending(refund(refundId).transferId());
    }

    /**
     * The gateway could not pay the refund: voids the held payout and reverses the release, so the
     * money is back in the fund(s) and refundable again.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code refundId}), {@code TRANSFER_NOT_PENDING}
     */
    public Transaction failRefund(String refundId) {
        var refund = refund(refundId);
        ledger.voidPending(refund.transferId());
        var reversal = ledger.reverse(refund.release().id(), "refund " + refundId + " failed at " + gateway);
        var lines = new ArrayList<>(donations.get(refund.donationId()));
        for (var entry : refund.release().entries()) {
            if (entry.side() == Side.DEBIT) {
                for (var i = 0; i < lines.size(); i++) {
                    var line = lines.get(i);
                    if (line.account().equals(entry.account())) {
                        lines.set(i, new Line(line.account(), line.given(), line.refunded().minus(entry.amount())));
                        break;
                    }
                }
            }
        }
        donations.put(refund.donationId(), List.copyOf(lines));
        return reversal;
    }

    /**
     * What can still be refunded on a donation: what it gave less refunds pending or confirmed.
     *
     * @throws FinanceException {@code UNKNOWN_ID} (field {@code donationId})
     */
    public Money refundable(String donationId) {
        var lines = donations.get(donationId);
        if (lines == null) {
            throw new FinanceException(ErrorCode.UNKNOWN_ID, "donationId", "no donation " + donationId);
        }
        return lines.stream().map(Line::refundable).reduce(Money::plus).orElseThrow();
    }

    /**
     * Books an approved distribution: the fund pays each recipient's payable, the administrators'
     * lines going to the administrators' share. Lines of zero are left out.
     *
     * @throws FinanceException {@code NON_POSITIVE_ENTRY} (field {@code total}) for a zero plan,
     *                          {@code INSUFFICIENT_FUNDS} (field {@code total}) if the fund holds less,
     *                          {@code DUPLICATE_ID} (field {@code id}) if the plan was distributed already
     */
    public Transaction distribute(ApprovedDistribution approved) {
        var plan = approved.plan();
        if (distributedPlans.contains(plan.id())) {
            throw new FinanceException(ErrorCode.DUPLICATE_ID, "id", "plan " + plan.id() + " is already distributed");
        }
        if (plan.total().signum() <= 0) {
            throw new FinanceException(ErrorCode.NON_POSITIVE_ENTRY, "total", "nothing to distribute in plan " + plan.id());
        }
        var source = Account.fund(plan.fund());
        requireHeld(source, plan.total());
        var entries = new ArrayList<Entry>();
        entries.add(Entry.debit(source, plan.total()));
        for (var payment : plan.payments()) {
            if (payment.amount().signum() > 0) {
                var account = plan.paysAdministrators(payment) ? Account.administratorsShare()
                        : Account.recipientPayable(payment.recipient());
                entries.add(Entry.credit(account, payment.amount()));
            }
        }
        var transaction = ledger.post("distribution " + plan.id() + " prepared by " + plan.preparedBy()
                + ", approved by " + approved.approvedBy(), entries);
        distributedPlans.add(plan.id());
        return transaction;
    }

    private Transaction receive(String donationId, Money gross, Money fee, List<Line> lines, String memo) {
        if (donations.containsKey(donationId)) {
            throw new FinanceException(ErrorCode.DUPLICATE_ID, "donationId", "donation " + donationId + " is already booked");
        }
        if (gross.signum() <= 0) {
            throw new FinanceException(ErrorCode.NON_POSITIVE_ENTRY, "gross", "a donation must be positive, was " + gross);
        }
        if (fee.isNegative() || fee.compareTo(gross) > 0) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, "fee",
                    "a fee must be between zero and the donation " + gross + ", was " + fee);
        }
        var entries = new ArrayList<Entry>();
        var net = gross.minus(fee);
        if (net.signum() > 0) {
            entries.add(Entry.debit(Account.clearing(gateway), net));
        }
        if (fee.signum() > 0) {
            entries.add(Entry.debit(Account.gatewayFees(gateway), fee));
        }
        lines.forEach(line -> entries.add(Entry.credit(line.account(), line.given())));
        var transaction = ledger.post(memo, entries);
        donations.put(donationId, List.copyOf(lines));
        return transaction;
    }

    private void requireHeld(Account account, Money amount) {
        var held = ledger.creditBalance(account, amount.currency());
        if (held.compareTo(amount) < 0) {
            throw new FinanceException(ErrorCode.INSUFFICIENT_FUNDS, "amount",
                    account + " holds " + held + ", less than " + amount);
        }
    }

    private Refund refund(String refundId) {
        var refund = refunds.get(refundId);
        if (refund == null) {
            throw new FinanceException(ErrorCode.UNKNOWN_ID, "refundId", "no refund " + refundId);
        }
        return refund;
    }

    private static Money min(Money a, Money b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
