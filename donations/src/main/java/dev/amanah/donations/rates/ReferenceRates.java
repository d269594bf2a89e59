package dev.amanah.donations.rates;

import dev.amanah.finance.money.ExchangeRate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Euro reference rates by publication day, as the ECB publishes them: units of a currency per
 * one euro, exact decimals. Cross rates between two other currencies go through the euro.
 *
 * <p><b>Rounding.</b> A rate read from the source is kept exactly as published. A cross rate
 * {@code to/from = perEuro(to) / perEuro(from)} rarely has a finite decimal expansion, so it is
 * rounded once to {@value #CROSS_RATE_DIGITS} significant digits, {@link RoundingMode#HALF_EVEN}:
 * its relative error is at most 5 × 10<sup>-20</sup>. The conversion then multiplies exactly and
 * rounds once more, to the target currency's scale, with {@link ExchangeRate#DEFAULT_ROUNDING}
 * (HALF_EVEN). So a converted amount is less than one minor unit from the exact cross conversion
 * {@code amount × perEuro(to) / perEuro(from)} whenever that is below 10<sup>19</sup> minor units
 * of the target (half a minor unit for the final rounding, under half for the rate's), more than
 * a {@code long} of minor units holds; it differs from the exact conversion rounded once only when
 * that lies within 5 × 10<sup>-20</sup> of its own size from a rounding midpoint. Significant digits,
 * not decimal places: a fixed ten places left a rate such as IDR → EUR (0.0000595479) six
 * significant digits, and 10<sup>9</sup> IDR came out a cent short. Immutable and thread-safe.
 */
public final class ReferenceRates {
    /** Significant digits of a cross rate. */
    public static final int CROSS_RATE_DIGITS = 20;
    /** The oldest publication accepted for a date: a week covers weekends and holidays. */
    public static final int MAX_STALENESS_DAYS = 7;

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final MathContext CROSS_RATE = new MathContext(CROSS_RATE_DIGITS, RoundingMode.HALF_EVEN);

    private final String source;
    private final NavigableMap<LocalDate, Map<Currency, BigDecimal>> perEuroByDay;

    /**
     * @param source       who published the rates, printed with every converted figure
     * @param perEuroByDay for each publication day, units of each currency per euro (positive)
     * @throws IllegalArgumentException for a rate that is not positive
     */
    public ReferenceRates(String source, Map<LocalDate, Map<Currency, BigDecimal>> perEuroByDay) {
        this.source = Objects.requireNonNull(source, "source");
        var copy = new TreeMap<LocalDate, Map<Currency, BigDecimal>>();
        perEuroByDay.forEach((day, rates) -> {
            rates.forEach((currency, rate) -> {
                if (rate.signum() <= 0) {
                    throw new IllegalArgumentException("rate of " + currency + " on " + day + " must be positive, was " + rate);
                }
            });
            copy.put(day, Map.copyOf(rates));
        });
        this.perEuroByDay = Collections.unmodifiableNavigableMap(copy);
    }

    /** The publication days, oldest first. */
    public java.util.SortedSet<LocalDate> days() {
        return perEuroByDay.navigableKeySet();
    }

    /**
     * The rate {@code from -> to} of the latest publication on or before {@code date} (at most
     * {@link #MAX_STALENESS_DAYS} before), with the publication day as its {@code asOf}
     * (midnight UTC).
     *
     * @throws RateException {@code missing}, naming the currency and the date
     */
    public ExchangeRate rate(Currency from, Currency to, LocalDate date) {
        var entry = perEuroByDay.floorEntry(date);
        if (entry == null || entry.getKey().isBefore(date.minusDays(MAX_STALENESS_DAYS))) {
            throw RateException.missing(from.equals(EUR) ? to : from, date, source + " has no publication on or within "
                    + MAX_STALENESS_DAYS + " days before that date"
                    + (perEuroByDay.isEmpty() ? "" : " (it covers " + perEuroByDay.firstKey() + " to " + perEuroByDay.lastKey() + ")"));
        }
        var day = entry.getKey();
        var fromPerEuro = perEuro(entry.getValue(), from, date, day);
        var toPerEuro = perEuro(entry.getValue(), to, date, day);
        BigDecimal rate;
        if (from.equals(to)) {
            rate = BigDecimal.ONE;
        } else if (from.equals(EUR)) {
            rate = toPerEuro;
        } else {
            rate = toPerEuro.divide(fromPerEuro, CROSS_RATE).stripTrailingZeros();
        }
        return new ExchangeRate(from, to, rate, source + " of " + day, day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    private BigDecimal perEuro(Map<Currency, BigDecimal> rates, Currency currency, LocalDate asked, LocalDate day) {
        if (currency.equals(EUR)) {
            return BigDecimal.ONE;
        }
        var rate = rates.get(currency);
        if (rate == null) {
            throw RateException.missing(currency, asked, source + " of " + day + " publishes no " + currency.getCurrencyCode() + " rate");
        }
        return rate;
    }
}
