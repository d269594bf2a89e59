package dev.amanah.finance.zakat;

import java.math.BigDecimal;

/** Number formatting shared by explanation text: plain notation, no trailing zeros beyond the integer. */
final class Format {
    private Format() {
    }

    static String plain(BigDecimal value) {
        var stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** An amount of money: exact, with at least the currency's decimals ("4200.00", "206.325"). */
    static BigDecimal amount(BigDecimal value, int scale) {
        var stripped = value.stripTrailingZeros();
        return stripped.scale() < scale ? stripped.setScale(scale) : stripped;
    }

    static String money(BigDecimal value, int scale) {
        return amount(value, scale).toPlainString();
    }

    static String percent(BigDecimal fraction) {
        return plain(fraction.movePointRight(2)) + " %";
    }
}
