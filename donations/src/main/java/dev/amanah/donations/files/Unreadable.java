package dev.amanah.donations.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a file a user named could not be read, in the same words wherever it was named: the
 * configuration file, a rates file, a zakat or import file. An exception's class name, or a
 * decoder's "Input length = 1", says little to whoever named the file.
 */
public final class Unreadable {
    private Unreadable() {
    }

    /**
     * Why {@code file} could not be read, {@code failure} being what reading it threw: "no such
     * file", "a directory, not a file", "cannot be read: permission denied", "not UTF-8 text: save
     * it as UTF-8 and try again", else "cannot be read: " and the exception's message. Looks at the
     * file system only to tell a directory; never throws.
     */
    public static String why(Path file, IOException failure) {
        return switch (failure) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "cannot be read: permission denied";
            case CharacterCodingException notText -> "not UTF-8 text: save it as UTF-8 and try again";
            default -> Files.isDirectory(file) ? "a directory, not a file" : "cannot be read: " + failure.getMessage();
        };
    }
}
