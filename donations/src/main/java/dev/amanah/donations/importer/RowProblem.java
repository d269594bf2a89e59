package dev.amanah.donations.importer;

/**
 * Why one row of an import file cannot be imported.
 *
 * @param line      the row's line in the file (1 is the header)
 * @param reference the row's reference, empty if it has none
 * @param column    the column at fault
 * @param reason    what is wrong, with the value when it helps (never a whole row: it holds personal data);
 *                  one line: a control character of a value quoted in it is written as {@code \}{@code u000A}
 */
public record RowProblem(long line, String reference, String column, String reason) {
    public RowProblem {
        reason = escapeControls(reason);
    }

    /** {@code line 7, column amount: ...}. */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + reason;
    }

    // The problems are printed one a line on a terminal: a line break in a quoted value would start
    // what reads as another problem, and an escape sequence would act on the terminal.
    private static String escapeControls(String text) {
        var escaped = new StringBuilder(text.length());
        text.chars().forEach(c -> escaped.append(Character.isISOControl(c) ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return escaped.toString();
    }
}
