package dev.amanah.donations.rates;

import dev.amanah.finance.money.ExchangeRate;
import java.time.LocalDate;
import java.util.Currency;

/**
 * Where exchange rates come from: the shipped rates file ({@link RatesFile}), the European
 * Central Bank's daily reference rates ({@link EcbRatesFeed}), or another source behind the same
 * call. Implementations must be thread-safe: {@link RateFetcher} asks for several currencies at
 * once from different processes.
 */
@FunctionalInterface
public interface RateProvider {

    /**
     * The rate converting {@code from} into {@code to} valid on {@code date}: the source's
     * publication of that day, or of the latest day before it within
     * {@link ReferenceRates#MAX_STALENESS_DAYS} (reference rates are not published on weekends
     * and holidays). The returned rate names its source and the publication it came from. May
     * block (network); never returns a default.
     *
     * @throws RateException with the currency and date when there is no such rate;
     *                       {@link RateException#transientFailure()} if asking again may help
     */
    ExchangeRate rate(Currency from, Currency to, LocalDate date);
}
