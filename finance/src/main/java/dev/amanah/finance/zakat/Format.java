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

    static String percent(BigDecimal fraction) {
        return plain(fraction.movePointRight(2)) + " %";
    }
}
