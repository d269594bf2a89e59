package dev.amanah.donations.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bad command-line or file input that is not a domain rule: a missing value, an unknown key, an
 * unreadable file, an output directory that cannot be written. Reported like a {@link dev.amanah.finance.FinanceException}: {@code CODE field: detail}.
 */
final class InputException extends RuntimeException {
    /** Stable codes of this kind of error. */
    enum Code {
        MISSING_INPUT,
        UNKNOWN_FIELD,
        INVALID_VALUE,
        UNREADABLE_FILE,
        UNWRITABLE_OUTPUT
    }

    private final Code code;
    private final String field;

    InputException(Code code, String field, String detail) {
        super(field + ": " + detail);
        this.code = code;
        this.field = field;
    }

    /**
     * {@code UNWRITABLE_OUTPUT}: {@code target}, given by {@code field}, could not be created or
     * written; {@code cause} says why (a file in the way, a permission).
     */
    static InputException unwritable(String field, Path target, IOException cause) {
        var why = switch (cause) {
            case FileAlreadyExistsException e -> "not a directory: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            // Its message is the path alone; the kernel's refusal to make a directory there
            // (under /proc, say) arrives as this too.
            case NoSuchFileException e -> "no such file or directory: " + e.getFile();
            case FileSystemException e when e.getReason() != null -> e.getReason() + ": " + e.getFile();
            default -> String.valueOf(cause.getMessage());
        };
        return new InputException(Code.UNWRITABLE_OUTPUT, field, target + " cannot be written (" + why + ")");
    }

    /**
     * {@code port}, given as {@code flag}, checked as a TCP port to listen on (0: any free port).
     * Checked by the command, not left to the configuration, which is handed it as
     * {@code AMANAH_HTTP_PORT} and would name that variable, which the user never set.
     *
     * @throws InputException {@code INVALID_VALUE} naming the flag, outside 0 to 65535
     */
    static int port(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new InputException(Code.INVALID_VALUE, flag, "must be 0 to 65535 (0: any free port), got " + port);
        }
        return port;
    }

    /**
     * {@code path}, a file the user named with {@code field}; null stays null (not given).
     *
     * @throws InputException {@code MISSING_INPUT} for an empty path: Java reads it as the working
     *                        directory, and the user was told "a directory, not a file" about a
     *                        directory they never named
     */
    static Path file(String field, Path path) {
        if (path != null && path.toString().isEmpty()) {
            throw new InputException(Code.MISSING_INPUT, field, "the path is empty; name a file");
        }
        return path;
    }

    /**
     * {@code path}, a directory the user named with {@code field} to write into; null stays null.
     *
     * @throws InputException {@code MISSING_INPUT} for an empty path: Java reads it as the working
     *                        directory, and the output would land among the user's own files
     */
    static Path directory(String field, Path path) {
        if (path != null && path.toString().isEmpty()) {
            throw new InputException(Code.MISSING_INPUT, field, "the path is empty; name a directory");
        }
        return path;
    }

    Code code() {
        return code;
    }

    String field() {
        return field;
    }
}
