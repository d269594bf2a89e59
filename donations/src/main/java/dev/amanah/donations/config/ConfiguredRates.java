package dev.amanah.donations.config;

import dev.amanah.donations.rates.RatesFile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The rates of {@code fraud.ratesFile}, read at start, and where they came from: the file it
 * names, or none for the bundled reference rates. {@code fraud.smallAmount} is converted at them,
 * and {@code amanah report} uses them when it is given no rates file of its own. Immutable.
 *
 * @param rates the rates read
 * @param file  the file they were read from, as configured; empty for the bundled rates
 */
public record ConfiguredRates(RatesFile rates, Optional<Path> file) {
    public ConfiguredRates {
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(file, "file");
    }

    /** The file's path as configured, or {@code bundled}: the value of a log line's {@code rates_file=}. */
    @Override
    public String toString() {
        return file.map(Path::toString).orElse("bundled");
    }
}
