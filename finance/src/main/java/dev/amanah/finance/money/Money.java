package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of a payment currency, held as a {@link BigDecimal} at the currency's ISO 4217
 * scale (2 for USD, 0 for JPY, 3 for KWD, 4 for CLF). Never a {@code double}.
 *
 * <p>Construction normalises the scale without rounding, so equality and hashing are by value:
 * {@code 2.0 USD} equals {@code 2.00 USD}. An amount with more decimals than the currency has is
 * refused ({@code TOO_MANY_DECIMALS}), never silently rounded. Arithmetic between two currencies
 * is refused ({@code CURRENCY_MISMATCH}); convert first with an {@link ExchangeRate}. Amounts may be
 * negative (a balance, a reversal); operations that need a non-negative amount check it themselves.
 *
 * <p>An amount is at most {@code Long.MAX_VALUE} minor units either way (92233720368547758.07 USD,
 * 9223372036854775807 JPY): what a ledger entry and the database's {@code amount_minor} column hold.
 * A larger one, given or made by arithmetic, is refused ({@code AMOUNT_TOO_LARGE}), so
 * {@link #minorUnits()} and {@link #negate()} never overflow.
 *
 * @param amount   the value in major units at the currency's scale
 * @param currency a payment currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /**
     * @throws FinanceException {@code NOT_A_PAYMENT_CURRENCY} for a currency without scale,
     *                          {@code TOO_MANY_DECIMALS} if the amount does not fit the scale exactly,
     *                          {@code AMOUNT_TOO_LARGE} if it is more than {@code Long.MAX_VALUE}
     *                          minor units either way (checked without scaling a huge exponent)
     */
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        var scale = Currencies.scale(currency);
        // Checked before setScale, which on 1E-10000000 spends seconds dividing before it fails,
        // and the refusal shows the amount in scientific notation when its plain form is long:
        // toPlainString of 1E-10000000 is ten million characters.
        if (amount.scale() > scale && amount.stripTrailingZeros().scale() > scale) {
            throw new FinanceException(ErrorCode.TOO_MANY_DECIMALS, "amount",
                    shown(amount) + " has more than the " + scale + " decimals of " + currency.getCurrencyCode());
        }
        if (amount.signum() == 0) {
            amount = BigDecimal.ZERO; // 0E+10000000 is zero, without scaling ten million digits
        } else if ((long) amount.precision() - amount.scale() + scale > LONG_DIGITS) {
            // At least 10^19 minor units, more than a long: refused before setScale, which on
            // 1E+10000000 spends seconds making ten million digits.
            throw tooLarge(amount, currency);
        }
        amount = amount.setScale(scale, RoundingMode.UNNECESSARY);
        // Only 19 digits of minor units can pass a long; fewer are checked without making the
        // BigIntegers below, which every amount built would otherwise pay for.
        if (amount.precision() >= LONG_DIGITS
                && amount.unscaledValue().abs().bitLength() >= Long.SIZE) { // abs: -2^63 has a bitLength of 63
            throw tooLarge(amount, currency);
        }
    }

    /** Digits of {@code Long.MAX_VALUE}: a count of minor units with more digits does not fit a long. */
    private static final int LONG_DIGITS = 19;

    private static FinanceException tooLarge(BigDecimal amount, Currency currency) {
        // Worded for whoever meets it (a zakat calculation as much as a booking): no ledger, no minor units.
        var code = currency.getCurrencyCode();
        return new FinanceException(ErrorCode.AMOUNT_TOO_LARGE, "amount", shown(amount) + " " + code
                + " is more than the largest amount handled, "
                + BigDecimal.valueOf(Long.MAX_VALUE, Currencies.scale(currency)).toPlainString() + " " + code);
    }

    /** The plain form of a refused amount, or its scientific form where the plain one would be long. */
    private static String shown(BigDecimal amount) {
        return amount.precision() + Math.abs((long) amount.scale()) <= SHOWN_DIGITS ? amount.toPlainString() : amount.toString();
    }

    /** Digits of a refused amount shown in full: any real amount, never a pathological one. */
    private static final int SHOWN_DIGITS = 60;

    /**
     * An amount from decimal text and an ISO code, e.g. {@code Money.of("12.50", "USD")}.
     *
     * @throws FinanceException {@code NOT_A_NUMBER}, {@code UNKNOWN_CURRENCY},
     *                          {@code NOT_A_PAYMENT_CURRENCY} or {@code TOO_MANY_DECIMALS}
     */
    public static Money of(String amount, String currencyCode) {
        return new Money(Decimals.parse(amount, "amount"), Currencies.paymentCurrency(currencyCode, "currency"));
    }

    /** An amount from a decimal in major units; see the canonical constructor for errors. */
    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    /** An amount from a count of minor units: {@code ofMinor(1050, USD)} is 10.50 USD, {@code ofMinor(1050, JPY)} is 1050 JPY. */
    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(BigDecimal.valueOf(minorUnits, Currencies.scale(currency)), currency);
    }

    /** Zero in the given currency. */
    public static Money zero(Currency currency) {
        return ofMinor(0, currency);
    }

    /** The amount as a count of minor units (cents, fils, yen); always fits, see the bound above. */
    public long minorUnits() {
        return amount.unscaledValue().longValueExact();
    }

    /** The ISO 4217 scale of this amount's currency. */
    public int scale() {
        return amount.scale();
    }

    /** The exact sum. @throws FinanceException {@code CURRENCY_MISMATCH}, {@code AMOUNT_TOO_LARGE} */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /** The exact difference. @throws FinanceException {@code CURRENCY_MISMATCH}, {@code AMOUNT_TOO_LARGE} */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** The amount with its sign flipped. */
    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /**
     * The product with a factor, rounded once to the currency's scale with the given mode.
     * Use {@code CEILING} where underpaying is the risk, {@code HALF_EVEN} for neutral conversion.
     */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        return new Money(amount.multiply(factor).setScale(scale(), rounding), currency);
    }

    /** -1, 0 or 1 as the amount is negative, zero or positive. */
    public int signum() {
        return amount.signum();
    }

    /** Whether the amount is zero. */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** Whether the amount is below zero. */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** Whether both amounts are in the same currency. */
    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /**
     * Orders by value within one currency.
     *
     * @throws FinanceException {@code CURRENCY_MISMATCH} for amounts in different currencies,
     *                          which have no order without an exchange rate
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /**
     * @throws FinanceException {@code CURRENCY_MISMATCH} unless {@code other} has this currency
     */
    public void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new FinanceException(ErrorCode.CURRENCY_MISMATCH, "currency",
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode()
                            + " without an exchange rate");
        }
    }

    /** Plain decimal and code, e.g. {@code 1250.00 USD}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
