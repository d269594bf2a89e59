package dev.amanah.finance.fund;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.allocation.Allocator;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A prepared, not yet approved, distribution of an amount of a fund to recipients.
 *
 * <p>Every instance satisfies the rules — the constructor checks them, so no plan can exist that
 * breaks them: every payment line is zero or more and in the total's currency, and the lines add
 * up exactly to the total; from a zakat or zakat al-fitr fund every recipient belongs to one of
 * the eight categories; and the administrators' share is at most the configured cap of the total.
 * A plan moves no money; it must first be {@link #approve approved} by someone other than its
 * preparer.
 *
 * @param id         a stable identifier
 * @param fund       the fund paid from
 * @param total      the amount distributed, zero or more
 * @param payments   one line per recipient, in the order of the shares
 * @param preparedBy who prepared it
 * @param rules      the rules it was checked against
 */
public record DistributionPlan(String id, Fund fund, Money total, List<PlannedPayment> payments, String preparedBy,
                               DistributionRules rules) {

    /**
     * @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code total}, or
     *     {@code payments[i].amount} for a negative line); {@code CURRENCY_MISMATCH} (field
     *     {@code payments[i].amount}) for a line in another currency than the total;
     *     {@code UNBALANCED_TRANSACTION} (field {@code payments}) if the lines do not add up to the
     *     total; {@code NOT_ZAKAT_ELIGIBLE} (field {@code payments[i].recipient});
     *     {@code ADMINISTRATORS_CAP_EXCEEDED} (field {@code payments})
     * @throws IllegalArgumentException if {@code preparedBy} is blank (also a no-break or
     *     zero-width space): a plan prepared by nobody
     *     could be approved by anyone, its preparer included
     */
    public DistributionPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fund, "fund");
        Objects.requireNonNull(preparedBy, "preparedBy");
        Objects.requireNonNull(rules, "rules");
        if (ApprovedDistribution.normalise(preparedBy).isEmpty()) {
            throw new IllegalArgumentException("plan " + id + " needs the name of who prepared it");
        }
        payments = List.copyOf(payments);
        if (total.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, "total", "a distribution must not be negative, was " + total);
        }
        var sum = Money.zero(total.currency());
        var administrators = Money.zero(total.currency());
        for (var i = 0; i < payments.size(); i++) {
            var payment = payments.get(i);
            var field = "payments[" + i + "].recipient";
            checkLine(payment.amount(), total, i);
            sum = sum.plus(payment.amount());
            if (fund.type().restrictedToEightCategories()) {
                var category = payment.recipient().zakatCategory().orElseThrow(() -> new FinanceException(
                        ErrorCode.NOT_ZAKAT_ELIGIBLE, field,
                        payment.recipient().name() + " is not in any of the eight categories of Qur'an 9:60"));
                if (category == ZakatCategory.ADMINISTRATORS) {
                    administrators = administrators.plus(payment.amount());
                }
            }
        }
        if (!sum.equals(total)) {
            throw new FinanceException(ErrorCode.UNBALANCED_TRANSACTION, "payments",
                    "payments add up to " + sum + ", not the total " + total);
        }
        var cap = total.amount().multiply(rules.administratorsCap());
        if (administrators.amount().compareTo(cap) > 0) {
            throw new FinanceException(ErrorCode.ADMINISTRATORS_CAP_EXCEEDED, "payments",
                    "administrators would receive " + administrators + ", above the cap of "
                            + rules.administratorsCap().movePointRight(2).stripTrailingZeros().toPlainString()
                            + " % of " + total);
        }
    }

    /**
     * A sum that matches the total proves nothing about the lines: 150.00 and -50.00 add up to
     * 100.00, yet the second recipient would pay the fund. So each line is checked on its own.
     */
    private static void checkLine(Money amount, Money total, int i) {
        var field = "payments[" + i + "].amount";
        if (!amount.sameCurrencyAs(total)) {
            throw new FinanceException(ErrorCode.CURRENCY_MISMATCH, field,
                    amount + " is not in the plan's currency " + total.currency().getCurrencyCode());
        }
        if (amount.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, field, "a payment must not be negative, was " + amount);
        }
    }

    /**
     * Prepares a plan that divides {@code total} among the shares exactly, by
     * {@link Allocator#byRatios largest remainder}, and checks it against the rules. Shares whose
     * ratios give the administrators no more than the cap make a plan within it: a unit that
     * rounding would add to an administrators' line past the cap goes to another line instead.
     *
     * @throws FinanceException {@code INVALID_RATIO} for negative or all-zero ratios, and the
     *                          rule violations listed on the constructor
     */
    public static DistributionPlan prepare(String id, Fund fund, Money total, List<Share> shares, String preparedBy,
                                           DistributionRules rules) {
        var amounts = Allocator.byRatios(total, shares.stream().map(Share::ratio).toList());
        if (fund.type().restrictedToEightCategories()) {
            amounts = withinCap(total, shares, amounts, rules);
        }
        var payments = new ArrayList<PlannedPayment>(shares.size());
        for (var i = 0; i < shares.size(); i++) {
            payments.add(new PlannedPayment(shares.get(i).recipient(), amounts.get(i)));
        }
        return new DistributionPlan(id, fund, total, payments, preparedBy, rules);
    }

    /**
     * {@code amounts} with the administrators' lines brought back within the cap, if rounding
     * alone put them past it: with a ratio exactly at the cap, 12.5 % of 100.07 is 12.50875, and
     * largest remainder gives that line 12.51. Each unit an administrators' line got above its
     * exact share moves, while their total is over the cap, to the other line furthest below its
     * exact share. Every line stays the floor or the ceiling of its exact share and the lines
     * still add up to the total; ratios that themselves exceed the cap are left to the constructor
     * to refuse. Exact shares are compared without division: line {@code i}'s gap is
     * {@code total × rᵢ − amountᵢ × Σr}.
     */
    private static List<Money> withinCap(Money total, List<Share> shares, List<Money> amounts, DistributionRules rules) {
        var cap = total.amount().multiply(rules.administratorsCap());
        var sumOfRatios = shares.stream().map(Share::ratio).reduce(BigDecimal.ZERO, BigDecimal::add);
        var result = new ArrayList<>(amounts);
        var unit = Money.ofMinor(1, total.currency());
        var administrators = BigDecimal.ZERO;
        for (var i = 0; i < shares.size(); i++) {
            if (isAdministrators(shares.get(i).recipient())) {
                administrators = administrators.add(result.get(i).amount());
            }
        }
        while (administrators.compareTo(cap) > 0) {
            int above = -1;
            int below = -1;
            BigDecimal widest = BigDecimal.ZERO;
            for (var i = 0; i < shares.size(); i++) {
                var gap = total.amount().multiply(shares.get(i).ratio()).subtract(result.get(i).amount().multiply(sumOfRatios));
                if (isAdministrators(shares.get(i).recipient())) {
                    if (above < 0 && gap.signum() < 0) {
                        above = i;
                    }
                } else if (gap.compareTo(widest) > 0) {
                    below = i;
                    widest = gap;
                }
            }
            if (above < 0 || below < 0) {
                break; // the ratios themselves give the administrators more than the cap
            }
            result.set(above, result.get(above).minus(unit));
            result.set(below, result.get(below).plus(unit));
            administrators = administrators.subtract(unit.amount());
        }
        return List.copyOf(result);
    }

    private static boolean isAdministrators(Recipient recipient) {
        return recipient.zakatCategory().filter(c -> c == ZakatCategory.ADMINISTRATORS).isPresent();
    }

    /**
     * Approves the plan (four-eyes principle).
     *
     * @throws FinanceException {@code APPROVER_IS_PREPARER} (field {@code approvedBy}) if the
     *                          approver is the preparer (compared as {@link ApprovedDistribution} says:
     *                          ignoring case, Unicode normal form, invisible characters and surrounding blanks)
     */
    public ApprovedDistribution approve(String approvedBy) {
        return new ApprovedDistribution(this, approvedBy);
    }

    /**
     * Whether {@code payment}, one of this plan's, goes to the ADMINISTRATORS category: never for an
     * unrestricted fund's plan, whose categories mean nothing.
     */
    public boolean paysAdministrators(PlannedPayment payment) {
        return fund.type().restrictedToEightCategories() && isAdministrators(payment.recipient());
    }

    /** The total paid to the ADMINISTRATORS category (zero for unrestricted funds' plans). */
    public Money administratorsShare() {
        return payments.stream()
                .filter(this::paysAdministrators)
                .map(PlannedPayment::amount)
                .reduce(Money.zero(total.currency()), Money::plus);
    }
}
