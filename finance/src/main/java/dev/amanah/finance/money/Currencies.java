package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.util.Comparator;
import java.util.Currency;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * ISO 4217 currencies as payment currencies, with their scales taken from the JDK's currency data.
 *
 * <p>A payment currency has a defined number of minor-unit digits: 0 (JPY, KRW), 2 (USD, EUR),
 * 3 (BHD, KWD, JOD, OMR, TND) or 4 (CLF). Codes whose digits are undefined (XAU, XAG, XXX, XTS,
 * ...) denote metals, tests or "no currency" and are refused: nobody pays zakat in XAU.
 */
public final class Currencies {
    private Currencies() {
    }

    /**
     * Resolves an ISO 4217 code to a payment currency.
     *
     * @param code  the three-letter code, case-sensitive as ISO defines it (upper case)
     * @param field the input field the code came from, used in the error
     * @throws FinanceException {@code UNKNOWN_CURRENCY} if the JDK knows no such code,
     *                          {@code NOT_A_PAYMENT_CURRENCY} if it has no minor-unit scale
     */
    public static Currency paymentCurrency(String code, String field) {
        Currency currency;
        try {
            currency = Currency.getInstance(code == null ? "" : code);
        } catch (IllegalArgumentException e) {
            throw new FinanceException(ErrorCode.UNKNOWN_CURRENCY, field,
                    "'" + code + "' is not an ISO 4217 currency code");
        }
        requirePayment(currency, field);
        return currency;
    }

    /**
     * The number of minor-unit digits of a payment currency (its ISO 4217 scale).
     *
     * @throws FinanceException {@code NOT_A_PAYMENT_CURRENCY} if the scale is undefined
     */
    public static int scale(Currency currency) {
        requirePayment(currency, "currency");
        return currency.getDefaultFractionDigits();
    }

    /** Every payment currency the JDK knows, ordered by code. */
    public static Set<Currency> paymentCurrencies() {
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0)
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(Currency::getCurrencyCode))));
    }

    private static void requirePayment(Currency currency, String field) {
        if (currency.getDefaultFractionDigits() < 0) {
            throw new FinanceException(ErrorCode.NOT_A_PAYMENT_CURRENCY, field,
                    currency.getCurrencyCode() + " has no minor unit and is not a payment currency");
        }
    }
}
