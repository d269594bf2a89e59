package dev.amanah.donations.importer;

/**
 * Why one row of an import file cannot be imported.
 *
 * @param line      the row's line in the file (1 is the header)
 * @param reference the row's reference, empty if it has none
 * @param column    the column at fault
 * @param reason    what is wrong, with the value when it helps (never a whole row: it holds personal data)
 */
public record RowProblem(long line, String reference, String column, String reason) {

    /** {@code line 7, column amount: ...}. */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + reason;
    }
}
