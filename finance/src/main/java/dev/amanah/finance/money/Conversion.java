package dev.amanah.finance.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The record of one currency conversion: what was converted, with which rate (and so which source
 * and time), the exact product before rounding, the rounded result and the rounding applied.
 * An auditor can recompute {@code exact = from × rate} and {@code result = round(exact)} by hand.
 *
 * @param from     the amount converted
 * @param rate     the rate used, with its source and time
 * @param exact    {@code from × rate} with no rounding
 * @param result   {@code exact} rounded once to the quote currency's scale
 * @param rounding the rounding mode applied
 */
public record Conversion(Money from, ExchangeRate rate, BigDecimal exact, Money result, RoundingMode rounding) {
}
