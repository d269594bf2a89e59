package dev.amanah.donations.rates;

import dev.amanah.donations.files.Unreadable;
import dev.amanah.finance.money.ExchangeRate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;

/**
 * The default {@link RateProvider}: a dated file of euro reference rates, shipped with the
 * project ({@value #BUNDLED}) or given as a path. No network, so a report is reproducible.
 *
 * <p>Format (RFC 4180 CSV, lines starting with {@code #} are comments):
 * <pre>
 * date,currency,per_eur
 * 2026-11-30,GBP,0.8712
 * </pre>
 * one row per currency and publication day, {@code per_eur} the units of the currency per euro
 * as an exact decimal above zero. A bad row (a date, currency or number that is not one, a rate of
 * zero or below, a second rate of one currency on one day, more or fewer values than the header)
 * refuses the whole file, naming its line. Read once, at construction; immutable and thread-safe afterwards.
 */
public final class RatesFile implements RateProvider {
    /** The rates file in the class path. */
    public static final String BUNDLED = "/dev/amanah/donations/rates/reference-rates.csv";

    private final ReferenceRates rates;

    private RatesFile(ReferenceRates rates) {
        this.rates = rates;
    }

    /** The rates shipped with the project. @throws IllegalStateException if the bundled file is unreadable */
    public static RatesFile bundled() {
        try (InputStream in = RatesFile.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled rates file " + BUNDLED + " is missing");
            }
            return new RatesFile(read(new InputStreamReader(in, StandardCharsets.UTF_8), "Amanah rates file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rates of a file.
     *
     * @throws IllegalArgumentException naming the line of a bad row
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static RatesFile of(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new RatesFile(read(reader, "rates file " + file.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rates of a file a user named (with {@code amanah report --rates-file}, or as
     * {@code fraud.ratesFile}): as {@link #of}, and refused the same way whoever asks.
     *
     * @throws RatesFileException {@code UNREADABLE} saying why after the path, in the words of
     *                            {@link Unreadable#why}; {@code INVALID} for a bad row
     *                            (naming the file and the line) or a file with no rate at all
     */
    public static RatesFile load(Path file) {
        RatesFile read;
        try {
            read = of(file);
        } catch (UncheckedIOException e) {
            throw new RatesFileException(RatesFileException.Kind.UNREADABLE, file + ": " + Unreadable.why(file, e.getCause()), e);
        } catch (IllegalArgumentException e) {
            throw new RatesFileException(RatesFileException.Kind.INVALID, e.getMessage(), e);
        }
        if (read.rates.days().isEmpty()) {
            // Every conversion would then fail later, naming a missing rate rather than the file.
            throw new RatesFileException(RatesFileException.Kind.INVALID, file + ": has no rates, only a header or comments", null);
        }
        return read;
    }

    /** {@inheritDoc} Looks the rate up in the file; never blocks. */
    @Override
    public ExchangeRate rate(Currency from, Currency to, LocalDate date) {
        return rates.rate(from, to, date);
    }

    /** The rates as read. */
    public ReferenceRates rates() {
        return rates;
    }

    private static ReferenceRates read(Reader reader, String source) throws IOException {
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).get();
        var byDay = new HashMap<LocalDate, Map<Currency, BigDecimal>>();
        try (var parser = format.parse(reader)) {
            for (var row : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    if (!row.isConsistent()) {
                        // Read by name, a fourth value would be dropped: "1,05" was read as a rate of 1.
                        throw new IllegalArgumentException(row.size() + " values where the header has "
                                + parser.getHeaderNames().size() + " (" + String.join(", ", parser.getHeaderNames()) + ")"
                                + (row.size() > parser.getHeaderNames().size() ? "; a rate is written with a decimal point, 1.05" : ""));
                    }
                    var day = LocalDate.parse(row.get("date"));
                    var currency = Currency.getInstance(row.get("currency"));
                    var rate = new BigDecimal(row.get("per_eur"));
                    if (rate.signum() <= 0) {
                        // Here, not only in ReferenceRates, so that the message names the line.
                        throw new IllegalArgumentException("the " + currency + " rate of " + day + " must be above zero, was " + rate);
                    }
                    if (byDay.computeIfAbsent(day, d -> new HashMap<>()).put(currency, rate) != null) {
                        throw new IllegalArgumentException("a second " + currency + " rate for " + day);
                    }
                } catch (DateTimeParseException | NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return new ReferenceRates(Objects.requireNonNull(source), byDay);
    }
}
