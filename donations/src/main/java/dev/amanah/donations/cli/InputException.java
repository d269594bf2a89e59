package dev.amanah.donations.cli;

/**
 * Bad command-line or file input that is not a domain rule: a missing value, an unknown key, an
 * unreadable file. Reported like a {@link dev.amanah.finance.FinanceException}: {@code CODE field: detail}.
 */
final class InputException extends RuntimeException {
    /** Stable codes of this kind of error. */
    enum Code {
        MISSING_INPUT,
        UNKNOWN_FIELD,
        INVALID_VALUE,
        UNREADABLE_FILE
    }

    private final Code code;
    private final String field;

    InputException(Code code, String field, String detail) {
        super(field + ": " + detail);
        this.code = code;
        this.field = field;
    }

    Code code() {
        return code;
    }

    String field() {
        return field;
    }
}
