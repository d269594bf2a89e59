package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;

/**
 * Parses decimal text exactly. Money and weights enter the system as text (flags, JSON, YAML) and
 * become {@link BigDecimal} without ever passing through a binary floating-point number.
 */
public final class Decimals {
    private Decimals() {
    }

    /**
     * Parses plain or scientific decimal notation ("12.50", "1e3"); surrounding blanks are ignored.
     *
     * @param field the input field the text came from, named in the error
     * @throws FinanceException {@code NOT_A_NUMBER} if the text is not a decimal number
     */
    public static BigDecimal parse(String text, String field) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new FinanceException(ErrorCode.NOT_A_NUMBER, field, "'" + text + "' is not a decimal number");
        }
    }
}
