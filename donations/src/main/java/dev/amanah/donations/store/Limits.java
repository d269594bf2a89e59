package dev.amanah.donations.store;

/**
 * The column widths of the schema, checked before any SQL runs: PostgreSQL would refuse a value
 * too long with an error of its own and SQLite would store it anyway, so both databases behave
 * alike only if the store refuses first, with the field's name.
 */
final class Limits {
    static final int ID = 64;
    static final int KEY = 255;
    static final int TEXT = 500;
    static final int NAME = 200;
    static final int EMAIL = 320;
    static final int REFERENCE = 128;

    private Limits() {
    }

    /**
     * @throws IllegalArgumentException if {@code value} is empty or longer than {@code max} characters
     */
    static String require(String field, String value, int max) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(field + " must be 1 to " + max + " characters, was " + value.length());
        }
        return value;
    }
}
