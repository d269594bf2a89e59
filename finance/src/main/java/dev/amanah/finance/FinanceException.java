package dev.amanah.finance;

import java.util.Objects;

/**
 * Thrown when a finance operation refuses its input. Carries a stable {@link ErrorCode} for
 * machines and the name of the offending field for people, e.g. {@code NEGATIVE_WEIGHT} on
 * {@code assets.gold[0].grams}.
 *
 * <p>The message reads {@code field: detail}, so a one-line error names what to fix.
 */
public final class FinanceException extends RuntimeException {
    private final ErrorCode code;
    private final String field;
    private final String detail;

    /**
     * @param code   the machine-readable reason, never null
     * @param field  the input field at fault, in the dotted form used by the input files
     * @param detail what is wrong with it, for a person
     */
    public FinanceException(ErrorCode code, String field, String detail) {
        super(field + ": " + detail);
        this.code = Objects.requireNonNull(code, "code");
        this.field = Objects.requireNonNull(field, "field");
        this.detail = detail;
    }

    /** The stable reason code. */
    public ErrorCode code() {
        return code;
    }

    /** The input field at fault. */
    public String field() {
        return field;
    }

    /** What is wrong with the field, without the field's name. */
    public String detail() {
        return detail;
    }

    /**
     * The same error reported against another field name, for a caller that knows the input's own
     * path ({@code --gold}, {@code assets[2].grams}) better than the domain does ({@code grams}).
     */
    public FinanceException at(String otherField) {
        return new FinanceException(code, otherField, detail);
    }
}
