package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Currencies;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * The price of one gram of pure metal, with its provenance so the nisab can be audited. The price
 * keeps all its decimals (silver is often quoted to four), whatever the currency's scale.
 *
 * @param metal    gold or silver
 * @param currency the payment currency of the price
 * @param perGram  price of one gram of pure metal, strictly positive
 * @param source   who quoted it (e.g. "LBMA PM fix"), not blank
 * @param asOf     when the price was valid
 */
public record MetalPrice(Metal metal, Currency currency, BigDecimal perGram, String source, Instant asOf) {

    /**
     * @throws FinanceException {@code INVALID_PRICE} (field {@code prices.<metal>}) if not positive,
     *                          {@code NOT_A_PAYMENT_CURRENCY} for a currency without scale
     * @throws IllegalArgumentException if the source is blank
     */
    public MetalPrice {
        Objects.requireNonNull(metal, "metal");
        Objects.requireNonNull(asOf, "asOf");
        Currencies.scale(currency);
        if (perGram.signum() <= 0) {
            throw new FinanceException(ErrorCode.INVALID_PRICE, "prices." + metal.label(),
                    "a price per gram must be positive, was " + perGram.toPlainString());
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a metal price needs its source");
        }
    }

    /** The exact value of a weight of pure metal at this price. */
    BigDecimal valueOf(BigDecimal pureGrams) {
        return pureGrams.multiply(perGram);
    }

    /** E.g. {@code 68.40 GBP/g (LBMA PM fix, 2025-03-01T15:00:00Z)}. */
    @Override
    public String toString() {
        return perGram.toPlainString() + " " + currency.getCurrencyCode() + "/g (" + source + ", " + asOf + ")";
    }
}
