package dev.amanah.donations.importer;

/**
 * The import file has no header row: it is empty, or holds only blank lines (and perhaps a
 * byte-order mark). There are no rows to check, so this is one refusal, not a list of missing
 * columns, and {@code --skip-bad} does not get past it. Nothing was imported.
 */
public final class EmptyFileException extends RuntimeException {
    /** The refusal; its message says what the file lacks. */
    public EmptyFileException() {
        super("no header and no rows; its first line names the columns");
    }
}
