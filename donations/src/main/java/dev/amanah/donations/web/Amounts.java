package dev.amanah.donations.web;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;

/** Money as people read it ({@code £1,234.50}), exactly: no floating point on the way. Thread-safe. */
final class Amounts {
    // Symbols read unambiguously on a British-English page; any other currency shows its code.
    private static final Map<String, String> SYMBOLS = Map.of("GBP", "£", "USD", "$", "EUR", "€");

    private Amounts() {
    }

    /** {@code money} with its currency's symbol (or code), grouped thousands and all its decimals. */
    static String format(Money money) {
        var digits = money.currency().getDefaultFractionDigits();
        var pattern = digits <= 0 ? "#,##0" : "#,##0." + "0".repeat(digits);
        var format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.UK));
        var symbol = SYMBOLS.getOrDefault(money.currency().getCurrencyCode(), money.currency().getCurrencyCode());
        var number = format.format(money.amount().setScale(Math.max(digits, 0)));
        var sign = money.signum() < 0 ? "-" : "";
        number = number.startsWith("-") ? number.substring(1) : number;
        return symbol.length() == 1 ? sign + symbol + number : sign + number + " " + symbol;
    }

    /** {@code percent} (already a percentage) capped at 100 for a bar's width. */
    static String barWidth(BigDecimal percent) {
        return percent.min(BigDecimal.valueOf(100)).max(BigDecimal.ZERO).toPlainString();
    }
}
