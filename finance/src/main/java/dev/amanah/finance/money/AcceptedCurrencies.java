package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The organisation's allow-list of currencies it takes payments and keeps funds in.
 *
 * <p>Resolution distinguishes three failures so that a client can tell the user what to do:
 * an unknown code ({@code UNKNOWN_CURRENCY}), a known code that is no payment currency
 * ({@code NOT_A_PAYMENT_CURRENCY}), and a valid currency the organisation does not accept
 * ({@code CURRENCY_NOT_ACCEPTED}).
 *
 * @param currencies the accepted currencies, all payment currencies, at least one
 */
public record AcceptedCurrencies(Set<Currency> currencies) {

    /**
     * @throws FinanceException {@code NOT_A_PAYMENT_CURRENCY} if one of them has no scale
     * @throws IllegalArgumentException if the set is empty
     */
    public AcceptedCurrencies {
        if (currencies.isEmpty()) {
            throw new IllegalArgumentException("an organisation accepts at least one currency");
        }
        currencies.forEach(Currencies::scale);
        var sorted = new TreeSet<Currency>(Comparator.comparing(Currency::getCurrencyCode));
        sorted.addAll(currencies);
        currencies = Collections.unmodifiableSet(sorted);
    }

    /**
     * An allow-list from ISO codes.
     *
     * @throws FinanceException {@code UNKNOWN_CURRENCY} or {@code NOT_A_PAYMENT_CURRENCY} for a bad code
     */
    public static AcceptedCurrencies of(String... codes) {
        return new AcceptedCurrencies(List.of(codes).stream()
                .map(code -> Currencies.paymentCurrency(code, "acceptedCurrencies"))
                .collect(Collectors.toSet()));
    }

    /** Accepts every payment currency the JDK knows. */
    public static AcceptedCurrencies allPaymentCurrencies() {
        return new AcceptedCurrencies(Currencies.paymentCurrencies());
    }

    /** Whether payments in this currency are accepted. */
    public boolean accepts(Currency currency) {
        return currencies.contains(currency);
    }

    /**
     * Resolves a code to an accepted currency.
     *
     * @param field the input field the code came from, named in the error
     * @throws FinanceException {@code UNKNOWN_CURRENCY}, {@code NOT_A_PAYMENT_CURRENCY}, or
     *                          {@code CURRENCY_NOT_ACCEPTED} for a valid currency outside the list
     */
    public Currency resolve(String code, String field) {
        var currency = Currencies.paymentCurrency(code, field);
        if (!accepts(currency)) {
            throw new FinanceException(ErrorCode.CURRENCY_NOT_ACCEPTED, field,
                    code + " is a valid currency but not one this organisation accepts");
        }
        return currency;
    }
}
