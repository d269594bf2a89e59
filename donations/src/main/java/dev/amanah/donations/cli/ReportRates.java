package dev.amanah.donations.cli;

import dev.amanah.donations.config.ConfiguredRates;
import dev.amanah.donations.rates.EcbRatesFeed;
import dev.amanah.donations.rates.RateProvider;
import dev.amanah.donations.rates.RatesFile;
import dev.amanah.donations.rates.RatesFileException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The rates {@code amanah report} converts at, and the words its summary names them in. Of a file,
 * the first of: {@code --rates-file}, the configuration's {@code fraud.ratesFile} (already read
 * with the configuration), the bundled reference rates; or the ECB's daily feed.
 *
 * @param provider    where the rates come from
 * @param description which rates they are, for the summary's {@code rates:} line
 */
record ReportRates(RateProvider provider, String description) {

    /**
     * The rates of {@code option} if given, else the configured ones.
     *
     * @throws InputException for {@code --rates-file}: {@code UNREADABLE_FILE} or
     *                        {@code INVALID_VALUE}, in the words of {@link RatesFile#load};
     *                        {@code MISSING_INPUT} for an empty path
     */
    static ReportRates file(Path option, ConfiguredRates configured) {
        if (InputException.file("--rates-file", option) != null) {
            try {
                return new ReportRates(RatesFile.load(option), option + " (--rates-file)");
            } catch (RatesFileException e) {
                throw new InputException(switch (e.kind()) {
                    case UNREADABLE -> InputException.Code.UNREADABLE_FILE;
                    case INVALID -> InputException.Code.INVALID_VALUE;
                }, "--rates-file", e.getMessage());
            }
        }
        return new ReportRates(configured.rates(), configured.file()
                .map(path -> path + " (fraud.ratesFile)")
                .orElse("the bundled reference rates, illustrative (give your own with --rates-file or fraud.ratesFile)"));
    }

    /** The ECB's daily feed, fetched through {@code http}. */
    static ReportRates ecb(HttpClient http) {
        return new ReportRates(new EcbRatesFeed(http, URI.create(EcbRatesFeed.DAILY), Duration.ofSeconds(10)),
                "the ECB's daily feed (--rates ecb)");
    }
}
