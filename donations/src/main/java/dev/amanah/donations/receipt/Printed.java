package dev.amanah.donations.receipt;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How values look on receipts and statements. Amounts come from the exact {@link Money} (minor
 * units at the currency's scale), never through a floating-point number. Stateless and thread-safe.
 */
public final class Printed {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private Printed() {
    }

    /**
     * {@code 1,234.50 GBP}, {@code 5,000 JPY}, {@code 12.345 KWD}: digits grouped by three, as
     * many decimals as the currency has, then the ISO code.
     */
    public static String amount(Money money) {
        var plain = money.amount().toPlainString();
        var negative = plain.startsWith("-");
        if (negative) {
            plain = plain.substring(1);
        }
        int dot = plain.indexOf('.');
        var whole = dot < 0 ? plain : plain.substring(0, dot);
        var fraction = dot < 0 ? "" : plain.substring(dot);
        var grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + fraction + " " + money.currency().getCurrencyCode();
    }

    /** {@code 18 February 2026}. */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** The fund as donors know it: {@code Zakat}, {@code Zakat al-Fitr}, {@code Sadaqah}, {@code Waqf}, {@code General fund}. */
    public static String fund(FundType fund) {
        return switch (fund) {
            case ZAKAT -> "Zakat";
            case ZAKAT_AL_FITR -> "Zakat al-Fitr";
            case SADAQAH -> "Sadaqah";
            case WAQF -> "Waqf";
            case GENERAL -> "General fund";
        };
    }
}
