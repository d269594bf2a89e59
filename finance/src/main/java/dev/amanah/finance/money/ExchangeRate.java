package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * An exchange rate with its provenance: one unit of {@code base} buys {@code rate} units of
 * {@code quote}, as published by {@code source} at {@code asOf}. Conversions go only through a rate,
 * so every converted figure can be traced to where its rate came from.
 *
 * @param base  the currency converted from
 * @param quote the currency converted to
 * @param rate  units of quote per unit of base, strictly positive, exact
 * @param source who published the rate (e.g. "ECB reference rate"), not blank
 * @param asOf  when the rate was valid
 */
public record ExchangeRate(Currency base, Currency quote, BigDecimal rate, String source, Instant asOf) {

    /** Rounding used by {@link #convert(Money)}: banker's rounding, neutral in both directions. */
    public static final RoundingMode DEFAULT_ROUNDING = RoundingMode.HALF_EVEN;

    /**
     * @throws FinanceException {@code INVALID_PRICE} if the rate is not positive, or not exactly 1
     *                          from a currency to itself (which would make money out of nothing)
     * @throws IllegalArgumentException if the source is blank
     */
    public ExchangeRate {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(asOf, "asOf");
        if (rate.signum() <= 0) {
            throw new FinanceException(ErrorCode.INVALID_PRICE, "rate", "an exchange rate must be positive, was " + rate);
        }
        if (base.equals(quote) && rate.compareTo(BigDecimal.ONE) != 0) {
            throw new FinanceException(ErrorCode.INVALID_PRICE, "rate", "a rate from " + base.getCurrencyCode()
                    + " to itself must be 1, was " + rate.toPlainString());
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("an exchange rate needs its source");
        }
    }

    /** Converts with {@link #DEFAULT_ROUNDING}; see {@link #convert(Money, RoundingMode)}. */
    public Conversion convert(Money amount) {
        return convert(amount, DEFAULT_ROUNDING);
    }

    /**
     * Converts an amount of the base currency. The exact product is computed first and rounded
     * once, to the quote currency's scale; both are kept in the returned record.
     *
     * @throws FinanceException {@code CURRENCY_MISMATCH} if the amount is not in the base currency
     */
    public Conversion convert(Money amount, RoundingMode rounding) {
        if (!amount.currency().equals(base)) {
            throw new FinanceException(ErrorCode.CURRENCY_MISMATCH, "currency",
                    "rate converts " + base.getCurrencyCode() + ", amount is in " + amount.currency().getCurrencyCode());
        }
        var exact = amount.amount().multiply(rate);
        var result = new Money(exact.setScale(Currencies.scale(quote), rounding), quote);
        return new Conversion(amount, this, exact, result, rounding);
    }
}
