package dev.amanah.finance.fund;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;

/**
 * How a payment made against an amount of zakat due is booked. A payment above the amount due
 * is accepted, not rejected: the zakat due is booked as zakat and the excess as sadaqah, since
 * more than the obligation can only be voluntary charity. A payment below it is all zakat and
 * leaves the rest still due.
 *
 * @param paid     what the payer gave
 * @param zakat    the part booked to a zakat fund: {@code min(paid, due)}
 * @param sadaqah  the excess booked to a sadaqah fund: {@code max(0, paid − due)}
 * @param stillDue what remains owed: {@code max(0, due − paid)}
 */
public record PaymentSplit(Money paid, Money zakat, Money sadaqah, Money stillDue) {

    /**
     * Splits a payment.
     *
     * @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code paid} or {@code due}),
     *                          {@code CURRENCY_MISMATCH}
     */
    public static PaymentSplit of(Money due, Money paid) {
        due.requireSameCurrency(paid);
        if (due.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, "due", "the amount due must not be negative, was " + due);
        }
        if (paid.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, "paid", "a payment must not be negative, was " + paid);
        }
        var zero = Money.zero(due.currency());
        return paid.compareTo(due) >= 0
                ? new PaymentSplit(paid, due, paid.minus(due), zero)
                : new PaymentSplit(paid, paid, zero, due.minus(paid));
    }
}
