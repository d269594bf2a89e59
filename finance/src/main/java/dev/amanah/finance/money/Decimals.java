package dev.amanah.finance.money;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Parses decimal text exactly. Money and weights enter the system as text (flags, JSON, YAML, CSV)
 * and become {@link BigDecimal} without ever passing through a binary floating-point number.
 */
public final class Decimals {
    /**
     * Digits allowed on each side of the point: far beyond any amount, weight or price (a long
     * holds 19 digits), and small enough that scaling and multiplying the result stay cheap.
     */
    private static final int MAX_DIGITS = 30;
    /**
     * No exponent: "1e100000000" (14 characters) is a valid BigDecimal, but scaling it to cents
     * takes a minute of CPU and gigabytes of memory.
     */
    private static final Pattern PLAIN = Pattern.compile("[+-]?\\d{1," + MAX_DIGITS + "}(\\.\\d{1," + MAX_DIGITS + "})?");
    /** How much of a refused text the error repeats: enough to recognise it, never a whole upload. */
    private static final int SHOWN = 40;

    private Decimals() {
    }

    /**
     * Parses plain decimal notation: an optional sign, 1 to 30 digits, and optionally a point
     * followed by 1 to 30 digits ("12.50", "-3"; "0500" is 500). Surrounding blanks are ignored.
     * The result keeps the written scale ("68.40" has scale 2). Exponents ("1e3"), separators
     * ("1,000", "1_000"), symbols and a bare point (".5", "12.") are refused.
     *
     * @param field the input field the text came from, named in the error
     * @throws FinanceException {@code NOT_A_NUMBER} if the text is missing or not in that notation
     */
    public static BigDecimal parse(String text, String field) {
        var stripped = text == null ? "" : text.strip();
        if (!PLAIN.matcher(stripped).matches()) {
            var shown = text == null ? "(nothing)" : text.length() <= SHOWN ? "'" + text + "'"
                    : "'" + text.substring(0, SHOWN) + "...' (" + text.length() + " characters)";
            throw new FinanceException(ErrorCode.NOT_A_NUMBER, field, shown + " is not a decimal number (write 1250.00:"
                    + " digits, an optional sign and point, without exponent, separators or symbols, at most "
                    + MAX_DIGITS + " digits on each side of the point)");
        }
        return new BigDecimal(stripped);
    }
}
