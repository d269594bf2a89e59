package dev.amanah.donations.config;

import dev.amanah.donations.fraud.SmallAmounts;
import dev.amanah.donations.rates.RateException;
import dev.amanah.donations.rates.ReferenceRates;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.AcceptedCurrencies;
import dev.amanah.finance.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.stream.Collectors;

/**
 * Reads what counts as a small attempt in each accepted currency: {@value #AMOUNT}, one amount in
 * a named currency ({@code "5.00 GBP"}), converted into every other accepted currency at the latest
 * publication of the rates given (those of {@code fraud.ratesFile}, or the bundled reference rates;
 * rounded half even to the currency's minor unit), except a currency given its own amount in
 * {@value #BY_CURRENCY} ({@code ["800 JPY", "1.500 KWD"]}). The latest publication, not today's:
 * the thresholds change with the rates file, never between two starts with the same one. The
 * amount's own currency needs no rate. An accepted currency with neither a rate nor its own amount
 * stops the start, naming it: no threshold is guessed, nor taken from other rates than those
 * given. Stateless.
 */
final class SmallAmountsReader {
    static final String AMOUNT = "fraud.smallAmount";
    static final String BY_CURRENCY = "fraud.smallAmountByCurrency";
    /** The key of the single count of minor units that every currency shared, with why it is refused. */
    static final String RETIRED = "fraud.smallAmountMinor";
    static final String RETIRED_WHY = "no longer read: it was one count of minor units for every currency "
            + "(500 was 5.00 USD but 500 JPY, about 3 USD); write fraud.smallAmount as an amount and its currency, "
            + "such as \"5.00 GBP\", and the other accepted currencies get its value (see defaults.yaml)";

    private SmallAmountsReader() {
    }

    /**
     * The small amount of every accepted currency.
     *
     * @throws ConfigException naming the key at fault: an amount that is not "amount currency",
     *                         negative, with more decimals than its currency has; a currency given
     *                         twice or not accepted; an accepted currency without rate or amount
     */
    static SmallAmounts read(ConfigTree tree, AcceptedCurrencies accepted, ReferenceRates rates) {
        var base = amount(tree, AMOUNT, tree.string(AMOUNT));
        var own = new HashMap<Currency, Money>();
        for (var entry : tree.stringsOrNone(BY_CURRENCY)) {
            var amount = amount(tree, BY_CURRENCY, entry);
            var code = amount.currency().getCurrencyCode();
            if (!accepted.accepts(amount.currency())) {
                throw new ConfigException(BY_CURRENCY, tree.source(BY_CURRENCY), code
                        + " is not one of donations.currencies (" + codes(accepted) + ")");
            }
            if (own.put(amount.currency(), amount) != null) {
                throw new ConfigException(BY_CURRENCY, tree.source(BY_CURRENCY), code + " is given twice");
            }
        }
        var thresholds = new ArrayList<Money>();
        for (var currency : accepted.currencies()) {
            if (own.containsKey(currency)) {
                thresholds.add(own.get(currency));
            } else if (currency.equals(base.currency())) {
                thresholds.add(base);
            } else {
                thresholds.add(converted(tree, base, currency, rates));
            }
        }
        return SmallAmounts.of(thresholds);
    }

    private static Money converted(ConfigTree tree, Money base, Currency currency, ReferenceRates rates) {
        try {
            return rates.rate(base.currency(), currency, rates.days().last()).convert(base).result();
        } catch (RateException e) {
            var code = currency.getCurrencyCode();
            throw new ConfigException(BY_CURRENCY, tree.source(BY_CURRENCY), "no small amount for " + code
                    + ", an accepted currency, and " + AMOUNT + " (" + base + ") cannot be converted into it ("
                    + e.getMessage() + "): give " + code + " its own, such as \"<amount> " + code + "\", or give "
                    + FraudRatesReader.KEY + " a rates file with " + code + " in its latest publication");
        } catch (FinanceException e) {
            throw new ConfigException(AMOUNT, tree.source(AMOUNT), base + " converted into " + currency.getCurrencyCode()
                    + ": " + e.detail());
        }
    }

    /** {@code "5.00 GBP"}: zero or more, in a payment currency, with at most its decimals. */
    private static Money amount(ConfigTree tree, String key, String text) {
        var parts = text.strip().split("\\s+");
        var expected = "an amount of zero or more and its currency, such as \"5.00 GBP\", got '" + text + "'";
        if (parts.length != 2) {
            throw new ConfigException(key, tree.source(key), "must be " + expected);
        }
        Money amount;
        try {
            amount = Money.of(parts[0], parts[1]);
        } catch (FinanceException e) {
            throw new ConfigException(key, tree.source(key), "must be " + expected + ": " + e.detail());
        }
        if (amount.isNegative()) {
            throw new ConfigException(key, tree.source(key), "must be " + expected);
        }
        return amount;
    }

    private static String codes(AcceptedCurrencies accepted) {
        return accepted.currencies().stream().map(Currency::getCurrencyCode).collect(Collectors.joining(", "));
    }
}
