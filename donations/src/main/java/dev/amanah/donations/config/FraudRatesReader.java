package dev.amanah.donations.config;

import dev.amanah.donations.rates.RatesFile;
import dev.amanah.donations.rates.ReferenceRates;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@value #KEY}: the rates file {@code fraud.smallAmount} is converted at, in the format of
 * {@code amanah report --rates-file} ({@link RatesFile}); empty (the default) for the bundled
 * reference rates. A path is relative to the working directory. The file is read once, at start:
 * one that is missing, unreadable, has a bad row or no rate at all stops the start with a
 * {@link ConfigException} naming the file (and the line of a bad row), so no threshold comes from
 * rates other than those configured. Stateless.
 */
final class FraudRatesReader {
    static final String KEY = "fraud.ratesFile";

    private FraudRatesReader() {
    }

    /**
     * The configured rates, or the bundled ones.
     *
     * @throws ConfigException naming {@value #KEY}, the file and what is wrong with it
     */
    static ReferenceRates read(ConfigTree tree) {
        var text = tree.string(KEY).strip();
        if (text.isEmpty()) {
            return RatesFile.bundled().rates();
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(KEY, tree.source(KEY), "'" + text + "' is not a file path: " + e.getReason());
        }
        ReferenceRates rates;
        try {
            rates = RatesFile.of(path).rates();
        } catch (UncheckedIOException e) {
            throw new ConfigException(KEY, tree.source(KEY), path + ": " + unreadable(path, e));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(KEY, tree.source(KEY), e.getMessage()); // names the file and the line
        }
        if (rates.days().isEmpty()) {
            throw new ConfigException(KEY, tree.source(KEY), path + ": has no rates, only a header or comments");
        }
        return rates;
    }

    /** Why the file could not be read, in words: an exception's class name says little to whoever starts a service. */
    private static String unreadable(Path path, UncheckedIOException e) {
        return switch (e.getCause()) {
            case NoSuchFileException missing -> "no such file";
            case AccessDeniedException denied -> "cannot be read: permission denied";
            case CharacterCodingException notText -> "cannot be read: not UTF-8 text";
            default -> Files.isDirectory(path) ? "a directory, not a file" : "cannot be read: " + e.getCause().getMessage();
        };
    }
}
