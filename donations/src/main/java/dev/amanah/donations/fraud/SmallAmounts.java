package dev.amanah.donations.fraud;

import dev.amanah.finance.money.Money;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What counts as a small attempt (rule {@link FraudRule#IP_SMALL_ATTEMPTS}): for each currency, the
 * largest amount that is small, so that "small" can be one value in every accepted currency
 * (a count of minor units shared by all of them made 500 mean 5.00 USD but 500 JPY, about 3 USD,
 * and a card tester chose the currency where the rule never fired). An attempt in a currency
 * without a threshold is never small: the service accepts no such donation anyway. Exact
 * comparisons of {@link Money}, no rounding. Immutable and thread-safe.
 *
 * @param thresholds the largest small amount of each currency, keyed by its currency (zero: none
 *                   is small)
 */
public record SmallAmounts(Map<Currency, Money> thresholds) {

    /** @throws IllegalArgumentException {@code invalid_fraud_config: ...} for a negative threshold or one under another currency's key */
    public SmallAmounts {
        var sorted = new TreeMap<Currency, Money>(Comparator.comparing(Currency::getCurrencyCode));
        thresholds.forEach((currency, threshold) -> {
            if (!threshold.currency().equals(currency) || threshold.isNegative()) {
                throw new IllegalArgumentException("invalid_fraud_config: the small amount of " + currency.getCurrencyCode()
                        + " must be zero or more " + currency.getCurrencyCode() + ", was " + threshold);
            }
            sorted.put(currency, threshold);
        });
        thresholds = Collections.unmodifiableMap(sorted);
    }

    /** One threshold per currency of {@code thresholds}; a currency given twice is refused. */
    public static SmallAmounts of(Collection<Money> thresholds) {
        return new SmallAmounts(thresholds.stream().collect(Collectors.toMap(Money::currency, threshold -> threshold)));
    }

    /** Whether {@code amount} is above zero and at most its currency's threshold. */
    public boolean isSmall(Money amount) {
        var threshold = thresholds.get(amount.currency());
        return threshold != null && amount.signum() > 0 && amount.compareTo(threshold) <= 0;
    }

    /** The threshold of {@code currency}, if it has one. */
    public Optional<Money> threshold(Currency currency) {
        return Optional.ofNullable(thresholds.get(currency));
    }

    /** The thresholds by currency code, {@code EUR=6.02 GBP=5.00}: the start-up log's key=value pairs. */
    @Override
    public String toString() {
        return thresholds.values().stream().map(threshold -> threshold.currency().getCurrencyCode() + "="
                + threshold.amount().toPlainString()).collect(Collectors.joining(" "));
    }
}
