package dev.amanah.donations.config;

import dev.amanah.donations.rates.RatesFile;
import dev.amanah.donations.rates.RatesFileException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@value #KEY}: the rates file {@code fraud.smallAmount} is converted at, in the format of
 * {@code amanah report --rates-file} ({@link RatesFile}); empty (the default) for the bundled
 * reference rates. A path is relative to the working directory. The file is read once, at start:
 * one that is missing, unreadable, has a bad row or no rate at all stops the start with a
 * {@link ConfigException} naming the file (and the line of a bad row), so no threshold comes from
 * rates other than those configured; {@code amanah report} converts at the same rates unless given
 * its own. Stateless.
 */
final class FraudRatesReader {
    static final String KEY = "fraud.ratesFile";

    private FraudRatesReader() {
    }

    /**
     * The configured rates, or the bundled ones.
     *
     * @throws ConfigException naming {@value #KEY}, the file and what is wrong with it, in the
     *                         words {@link RatesFile#load} uses for every rates file
     */
    static ConfiguredRates read(ConfigTree tree) {
        var text = tree.string(KEY).strip();
        if (text.isEmpty()) {
            return new ConfiguredRates(RatesFile.bundled(), Optional.empty());
        }
        Path path;
        try {
            // Absolute once, here, so the start line's rates_file names the file read (as database.dataDir).
            path = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(KEY, tree.source(KEY), "'" + text + "' is not a file path: " + e.getReason());
        }
        try {
            return new ConfiguredRates(RatesFile.load(path), Optional.of(path));
        } catch (RatesFileException e) {
            throw new ConfigException(KEY, tree.source(KEY), e.getMessage());
        }
    }
}
