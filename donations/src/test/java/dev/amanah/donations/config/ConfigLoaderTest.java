package dev.amanah.donations.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.mail.TestCertificates;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsUseSqliteInDataAndPort8080() {
        var config = ConfigLoader.defaults();

        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("data", "amanah.db").toAbsolutePath());
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.donations().currencies().accepts(Currency.getInstance("GBP"))).isTrue();
        assertThat(config.donations().minAmount()).isEqualByComparingTo("1");
        assertThat(config.timeouts().validation()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.timeouts().shutdown()).isEqualTo(Duration.ofSeconds(60));
        // The documented defaults are the fraud check's own: this fails if they drift apart.
        assertThat(config.fraud().toFraudConfig()).isEqualTo(dev.amanah.donations.fraud.FraudConfig.DEFAULTS);
    }

    @Test
    void environmentNamesFollowTheDocumentedRule() {
        assertThat(ConfigLoader.environmentName("http.port")).isEqualTo("AMANAH_HTTP_PORT");
        assertThat(ConfigLoader.environmentName("fraud.cardAttempts.reviewAt")).isEqualTo("AMANAH_FRAUD_CARD_ATTEMPTS_REVIEW_AT");
        assertThat(ConfigLoader.environmentName("gateway.lostResponsePerMille"))
                .isEqualTo("AMANAH_GATEWAY_LOST_RESPONSE_PER_MILLE");
        assertThat(ConfigLoader.environmentName("fraud.ip48DistinctCards.reviewAt"))
                .isEqualTo("AMANAH_FRAUD_IP48_DISTINCT_CARDS_REVIEW_AT");
    }

    @Test
    void anIpv6SitesLimitsAreReadFromTheirOwnVariables() {
        var config = load("AMANAH_FRAUD_IP48_DISTINCT_CARDS_REVIEW_AT", "7");

        assertThat(config.fraud().limits().get(dev.amanah.donations.fraud.FraudRule.IP48_DISTINCT_CARDS))
                .isEqualTo(new dev.amanah.donations.fraud.FraudConfig.Limit(Duration.ofHours(1), 7, 18));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        var file = write("""
                http: { port: 9000, host: 127.0.0.1 }
                donations: { currencies: [USD], maxAmount: "500.50" }
                """);

        var config = ConfigLoader.load(Optional.of(file), Map.of(
                "AMANAH_HTTP_PORT", "9100",
                "AMANAH_DONATIONS_CURRENCIES", "JPY, KWD",
                "AMANAH_FRAUD_IP_ATTEMPTS_DENY_AT", "40",
                "AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "1.500 KWD",
                "PATH", "/usr/bin"));

        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.http().host()).isEqualTo("127.0.0.1");
        assertThat(config.donations().maxAmount()).isEqualByComparingTo(new BigDecimal("500.50"));
        assertThat(config.donations().currencies().currencies())
                .containsExactly(Currency.getInstance("JPY"), Currency.getInstance("KWD"));
        assertThat(config.fraud().limits().get(dev.amanah.donations.fraud.FraudRule.IP_ATTEMPTS))
                .isEqualTo(new dev.amanah.donations.fraud.FraudConfig.Limit(java.time.Duration.ofMinutes(10), 20, 40));
        assertThat(config.fraud().smallAmounts().thresholds().values())
                .containsExactly(Money.of("951", "JPY"), Money.of("1.500", "KWD"));
    }

    @Test
    void theSmallAmountIsConvertedIntoEveryAcceptedCurrencyAtTheBundledRates() {
        // 5.00 GBP at the rates file's latest publication (2026-12-03: 0.8302 GBP, 157.92 JPY,
        // 1.0498 USD per euro), rounded half even to each currency's minor unit.
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,EUR,USD,JPY"));

        assertThat(config.fraud().smallAmounts().thresholds().values()).containsExactly(
                Money.of("6.02", "EUR"), Money.of("5.00", "GBP"), Money.of("951", "JPY"), Money.of("6.32", "USD"));
        assertThat(config.fraud().smallAmounts()).hasToString("EUR=6.02 GBP=5.00 JPY=951 USD=6.32");
    }

    @Test
    void aCurrencysOwnSmallAmountWinsOverTheConversion() {
        var config = ConfigLoader.load(Optional.empty(), Map.of(
                "AMANAH_FRAUD_SMALL_AMOUNT", "10 USD",
                "AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "4 GBP"));

        assertThat(config.fraud().smallAmounts().thresholds().values()).containsExactly(
                Money.of("9.53", "EUR"), Money.of("4.00", "GBP"), Money.of("10.00", "USD"));
    }

    @Test
    void anAcceptedCurrencyWithNeitherRateNorItsOwnSmallAmountStopsTheStart() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,VND")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fraud.smallAmountByCurrency (from defaults): no small amount for VND, an accepted currency, and"
                        + " fraud.smallAmount (5.00 GBP) cannot be converted into it (no VND rate for 2026-12-03: Amanah rates"
                        + " file of 2026-12-03 publishes no VND rate): give VND its own, such as \"<amount> VND\", or give"
                        + " fraud.ratesFile a rates file with VND in its latest publication");
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,VND",
                "AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "150000 VND"));
        assertThat(config.fraud().smallAmounts().threshold(Currency.getInstance("VND"))).contains(Money.of("150000", "VND"));
    }

    @Test
    void theSmallAmountIsConvertedAtTheLatestPublicationOfTheConfiguredRatesFile() throws IOException {
        var rates = rates("2026-10-30,GBP,0.5\n2026-10-30,USD,2\n2026-11-30,GBP,0.8\n2026-11-30,USD,1.2\n");
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_FRAUD_RATES_FILE", rates.toString()));

        // 5.00 GBP is 6.25 EUR and 7.50 USD at 0.8 GBP and 1.2 USD per euro (the bundled rates give 6.02 and 6.32).
        assertThat(config.fraud().smallAmounts()).hasToString("EUR=6.25 GBP=5.00 USD=7.50");
        var fromFile = write("fraud: { ratesFile: '" + rates + "' }\n");
        assertThat(ConfigLoader.load(Optional.of(fromFile), Map.of()).fraud().smallAmounts())
                .hasToString("EUR=6.25 GBP=5.00 USD=7.50");
    }

    /** The start line's rates_file names the file read, wherever the service was started from. */
    @Test
    void aRelativeRatesFileIsNamedByItsAbsolutePath() throws IOException {
        var rates = rates("2026-11-30,GBP,0.8\n2026-11-30,USD,1.2\n");
        var relative = Path.of("").toAbsolutePath().relativize(rates);

        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_FRAUD_RATES_FILE", relative.toString()));

        assertThat(relative.isAbsolute()).isFalse();
        assertThat(config.fraud().rates().file()).contains(rates.toAbsolutePath().normalize());
    }

    @Test
    void aCurrencyTheRatesFileLacksTakesItsOwnSmallAmountOrStopsTheStartNeverTheBundledRate() throws IOException {
        // The treasurer's file has no USD, and not the small amount's own GBP either (which needs no rate).
        var rates = rates("2026-11-30,JPY,160\n");
        var configured = Map.of("AMANAH_FRAUD_RATES_FILE", rates.toString(), "AMANAH_DONATIONS_CURRENCIES", "GBP,USD");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), configured))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fraud.smallAmountByCurrency (from defaults): no small amount for USD, an accepted currency, and"
                        + " fraud.smallAmount (5.00 GBP) cannot be converted into it (no GBP rate for 2026-11-30: rates file"
                        + " treasurer.csv of 2026-11-30 publishes no GBP rate): give USD its own, such as \"<amount> USD\","
                        + " or give fraud.ratesFile a rates file with USD in its latest publication");
        var withOwn = new java.util.HashMap<>(configured);
        withOwn.put("AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "7 USD");
        assertThat(ConfigLoader.load(Optional.empty(), withOwn).fraud().smallAmounts()).hasToString("GBP=5.00 USD=7.00");
    }

    @Test
    void aRatesFileThatIsMissingUnreadableBadOrEmptyStopsTheStartNamingItAndTheLine() throws IOException {
        var missing = dir.resolve("nowhere.csv");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", missing.toString())).isInstanceOf(ConfigException.class)
                .hasMessage("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): " + missing + ": no such file");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", dir.toString()))
                .hasMessage("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): " + dir + ": a directory, not a file");
        var badRow = rates("2026-11-30,GBP,0.8\n2026-11-30,USD,one\n");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", badRow.toString()))
                .hasMessageStartingWith("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): rates file treasurer.csv line 3: ");
        var zero = rates("2026-11-30,GBP,0\n");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", zero.toString()))
                .hasMessage("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): rates file treasurer.csv line 2: the GBP rate"
                        + " of 2026-11-30 must be above zero, was 0");
        var empty = rates("# nothing published yet\n");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", empty.toString()))
                .hasMessage("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): " + empty + ": has no rates, only a header or comments");
        var latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "date,currency,per_eur\n2026-11-30,GBP,0.8 \u00a3\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> load("AMANAH_FRAUD_RATES_FILE", latin1.toString()))
                .hasMessage("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): " + latin1 + ": not UTF-8 text: save it as UTF-8 and try again");
    }

    /** A rates file, treasurer.csv, with the header and {@code rows}. */
    private Path rates(String rows) throws IOException {
        return Files.writeString(dir.resolve("treasurer.csv"), "date,currency,per_eur\n" + rows);
    }

    @Test
    void aSmallAmountMustBeAnAmountOfZeroOrMoreAndItsCurrency() {
        var expected = "must be an amount of zero or more and its currency, such as \"5.00 GBP\", got ";
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT", "500"))
                .hasMessage("fraud.smallAmount (from AMANAH_FRAUD_SMALL_AMOUNT): " + expected + "'500'");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT", "-1 GBP"))
                .hasMessage("fraud.smallAmount (from AMANAH_FRAUD_SMALL_AMOUNT): " + expected + "'-1 GBP'");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT", "5.001 GBP"))
                .hasMessage("fraud.smallAmount (from AMANAH_FRAUD_SMALL_AMOUNT): " + expected
                        + "'5.001 GBP': 5.001 has more than the 2 decimals of GBP");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT", "5 XAU"))
                .hasMessageStartingWith("fraud.smallAmount (from AMANAH_FRAUD_SMALL_AMOUNT): " + expected + "'5 XAU': XAU");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,IDR",
                "AMANAH_FRAUD_SMALL_AMOUNT", "90000000000000000 GBP")))
                .hasMessageStartingWith("fraud.smallAmount (from AMANAH_FRAUD_SMALL_AMOUNT): 90000000000000000.00 GBP"
                        + " converted into IDR: ")
                .hasMessageContaining("IDR is more than the largest amount handled");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "800 JPY"))
                .hasMessage("fraud.smallAmountByCurrency (from AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY): JPY is not one of"
                        + " donations.currencies (EUR, GBP, USD)");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY", "4 GBP,5 GBP"))
                .hasMessage("fraud.smallAmountByCurrency (from AMANAH_FRAUD_SMALL_AMOUNT_BY_CURRENCY): GBP is given twice");
    }

    @Test
    void theRetiredSmallAmountMinorIsRefusedSayingWhatToWriteInstead() throws IOException {
        var why = "no longer read: it was one count of minor units for every currency (500 was 5.00 USD but 500 JPY,"
                + " about 3 USD); write fraud.smallAmount as an amount and its currency, such as \"5.00 GBP\", and the"
                + " other accepted currencies get its value (see defaults.yaml)";
        var file = write("fraud: { smallAmountMinor: 500 }\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage("fraud.smallAmountMinor (from " + file + "): " + why);
        assertThatThrownBy(() -> load("AMANAH_FRAUD_SMALL_AMOUNT_MINOR", "500"))
                .hasMessage("fraud.smallAmountMinor (from AMANAH_FRAUD_SMALL_AMOUNT_MINOR): " + why);
    }

    /**
     * The per-donor fraud limits counted what the per-e-mail ones count (a donor is known by their
     * e-mail address alone), so a setting of theirs is refused saying where it belongs, rather than
     * taken and never applied.
     */
    @Test
    void theRetiredPerDonorFraudLimitsAreRefusedSayingToSetThePerEmailOnes() throws IOException {
        var file = write("fraud: { donorAttempts: { reviewAt: 5 } }\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessageStartingWith("fraud.donorAttempts (from " + file + "): no longer read:")
                .hasMessageContaining("set fraud.emailAttempts instead");
        assertThatThrownBy(() -> load("AMANAH_FRAUD_DONOR_DISTINCT_CARDS_DENY_AT", "4"))
                .hasMessageStartingWith("fraud.donorDistinctCards.denyAt (from AMANAH_FRAUD_DONOR_DISTINCT_CARDS_DENY_AT): no longer read:")
                .hasMessageContaining("set fraud.emailDistinctCards.denyAt instead");
    }

    @Test
    void mailIsSentInClearWithoutAuthUnlessConfigured() {
        var mail = ConfigLoader.defaults().receipts().mail();

        assertThat(mail.security()).isEqualTo(AmanahConfig.MailSecurity.NONE);
        assertThat(mail.authenticates()).isFalse();
        assertThat(mail.username()).isEmpty();
        assertThat(mail.password()).isEmpty();
    }

    @Test
    void mailSecurityAndAuthAreReadWithThePasswordFromTheEnvironmentOnly() throws IOException {
        var file = write("mail: { security: STARTTLS, smtpPort: 587, username: receipts@amanah.example }\n");

        var mail = ConfigLoader.load(Optional.of(file), Map.of("AMANAH_MAIL_PASSWORD", "s3cret")).receipts().mail();

        assertThat(mail.security()).isEqualTo(AmanahConfig.MailSecurity.STARTTLS);
        assertThat(mail.authenticates()).isTrue();
        assertThat(mail.username()).isEqualTo("receipts@amanah.example");
        assertThat(mail.password()).isEqualTo("s3cret");
        assertThat(mail.toString()).doesNotContain("s3cret");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_SECURITY", "tls")).receipts().mail().security())
                .isEqualTo(AmanahConfig.MailSecurity.TLS);
    }

    @Test
    void anUnknownMailSecurityIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> load("AMANAH_MAIL_SECURITY", "ssl"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mail.security (from AMANAH_MAIL_SECURITY): must be one of none, starttls, tls, got 'ssl'");
    }

    /** A file is read by more people than a variable and is copied into backups and repositories, whether mail is on or not. */
    @Test
    void aMailPasswordInTheFileIsRefusedSayingToUseTheVariableAndNotEchoedEvenWithMailOff() throws IOException {
        var file = write("mail: { enabled: false, username: receipts, password: s3cret }\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of("AMANAH_MAIL_PASSWORD", "other")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mail.password (from " + file + "): a password is not read from a file; set the"
                        + " environment variable AMANAH_MAIL_PASSWORD instead")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void withMailOnAMailUsernameWithoutAPasswordOrAPasswordWithoutAUsernameIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_ENABLED", "true",
                "AMANAH_MAIL_USERNAME", "receipts")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mail.username (from AMANAH_MAIL_USERNAME): needs its password in the environment variable"
                        + " AMANAH_MAIL_PASSWORD, which is not set");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_MAIL_ENABLED", "true",
                "AMANAH_MAIL_PASSWORD", "s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mail.username (from ")
                .hasMessageEndingWith("must be set when AMANAH_MAIL_PASSWORD is: a password needs the user it is for")
                .hasMessageNotContaining("s3cret");
    }

    /**
     * With mail off nothing authenticates, so a user name whose password this environment does not
     * have (a file shared with a host that sends no mail), or a password left without its user, is
     * no error; a password in the file still is (see above).
     */
    @Test
    void withMailOffAUsernameWithoutItsPasswordOrAPasswordWithoutItsUsernameIsNoError() throws IOException {
        var file = write("mail: { enabled: false, username: receipts }\n");

        var mail = ConfigLoader.load(Optional.of(file), Map.of()).receipts().mail();

        assertThat(mail.enabled()).isFalse();
        assertThat(mail.username()).isEqualTo("receipts");
        assertThat(load("AMANAH_MAIL_PASSWORD", "s3cret").receipts().mail().enabled()).isFalse();
    }

    /** An internal relay's CA is trusted from a PEM file; a file that cannot be read or holds no certificate stops the start. */
    @Test
    void mailTrustedCertificatesAreReadFromAPemFileAndABadFileIsRefusedNamingIt() throws Exception {
        var certificates = TestCertificates.in(dir);
        certificates.server("relay-ca", "dns:relay.example.org");
        var pem = certificates.certificate("relay-ca");

        var mail = load("AMANAH_MAIL_TRUSTED_CERTIFICATES", pem.toString()).receipts().mail();

        assertThat(mail.trustedCertificates()).singleElement()
                .satisfies(certificate -> assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=relay-ca"));
        assertThat(ConfigLoader.defaults().receipts().mail().trustedCertificates()).isEmpty();
        var missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> load("AMANAH_MAIL_TRUSTED_CERTIFICATES", missing.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mail.trustedCertificates (from AMANAH_MAIL_TRUSTED_CERTIFICATES): " + missing + ": no such file");
        var notACertificate = write("just: text\n");
        assertThatThrownBy(() -> load("AMANAH_MAIL_TRUSTED_CERTIFICATES", notACertificate.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mail.trustedCertificates (from AMANAH_MAIL_TRUSTED_CERTIFICATES): " + notACertificate + ": ");
    }

    private static AmanahConfig load(String variable, String value) {
        return ConfigLoader.load(Optional.empty(), Map.of(variable, value));
    }

    /** YAML 1.1 reads 010 as octal 8 and 0123 as 83: a value means what its digits say, or is refused. */
    @Test
    void yamlNumbersKeepTheirWrittenDecimalValueOrAreRefused() throws IOException {
        var config = ConfigLoader.load(Optional.of(write("""
                database: { poolSize: 010, password: 0123 }
                donations: { maxAmount: 0500.50 }
                """)), Map.of());

        assertThat(config.database().poolSize()).isEqualTo(10);
        assertThat(config.database().password()).isEqualTo("0123");
        assertThat(config.donations().maxAmount()).isEqualTo(new BigDecimal("500.50"));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(write("http: { port: 0x1F90 }\n")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("must be an integer from 0 to 65535, got '0x1F90'");
    }

    @Test
    void anAmountInScientificNotationIsRefusedAtOnce() {
        // 1e100000000 is a valid BigDecimal whose scaling to a currency would cost gigabytes.
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_MAX_AMOUNT", "1e100000000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("donations.maxAmount")
                .hasMessageContaining("a positive decimal number such as 1 or 0.50");
    }

    /**
     * A campaign's total is a long of minor units; a maxAmount of 10^17 USD let two donations
     * make a campaign whose total could no longer be read.
     */
    @Test
    void aLargestDonationThatAFewDonationsWouldTakePastALongIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "JPY,USD",
                "AMANAH_DONATIONS_MAX_AMOUNT", "100000000000000000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("donations.maxAmount")
                .hasMessageContaining("must be at most 92233720368.54 for USD");
        // the currency with the most decimals sets the ceiling; JPY, without decimals, alone allows more
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "KWD",
                "AMANAH_DONATIONS_MAX_AMOUNT", "9223372036.855")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be at most 9223372036.854 for KWD");
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "JPY",
                "AMANAH_DONATIONS_MAX_AMOUNT", "9223372036854"));
        assertThat(config.donations().maxAmount()).isEqualByComparingTo("9223372036854");
    }

    @Test
    void postgresUrlIsNotEmbedded() {
        var config = ConfigLoader.load(Optional.empty(),
                Map.of("AMANAH_DATABASE_URL", "jdbc:postgresql://localhost:5432/amanah"));

        assertThat(config.database().embedded()).isFalse();
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/amanah");
    }

    @Test
    void badEnvironmentValueNamesKeyAndVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.port (from AMANAH_HTTP_PORT): must be an integer from 0 to 65535, got 'eighty'");
    }

    @Test
    void aConfigFileThatDoesNotExistIsRefusedInPlainWords() {
        // It read "cannot be read: java.nio.file.NoSuchFileException: <path>".
        var missing = dir.resolve("no-such.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("(file) (from " + missing + "): no such file");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("(file) (from " + dir + "): a directory, not a file");
    }

    /** A configuration saved in Latin-1 was refused as "cannot be read: Input length = 1", the decoder's words. */
    @Test
    void aConfigFileThatIsNotUtf8IsRefusedInTheWordsEveryOtherFileIs() throws IOException {
        var latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "organisation:\n  name: Caf\u00e9 Trust\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(latin1), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("(file) (from " + latin1 + "): not UTF-8 text: save it as UTF-8 and try again");
    }

    @Test
    void unknownKeyInFileIsRefused() throws IOException {
        var file = write("http: { prot: 9000 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.prot (from " + file + "): unknown key (did you mean http.port?)");
    }

    /** A misspelled key said "unknown key" alone, though the options of the command line suggest the one meant. */
    @Test
    void aMisspelledKeyIsToldTheNearestKeyAtItsLevel() throws IOException {
        assertRefusedAs("databse:\n  poolSize: 3\n", "databse", "unknown key (did you mean database?)");
        assertRefusedAs("mail:\n  smtpHots: mail.example.org\n", "mail.smtpHots", "unknown key (did you mean mail.smtpHost?)");
        assertRefusedAs("http:\n  colour: blue\n", "http.colour", "unknown key");
    }

    private void assertRefusedAs(String yaml, String key, String why) throws IOException {
        var file = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage(key + " (from " + file + "): " + why);
    }

    @Test
    void misspelledVariableOfAKnownSectionIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_PROT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("AMANAH_HTTP_PROT (from the environment): no such configuration key (did you mean AMANAH_HTTP_PORT?)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_COLOUR", "blue")))
                .hasMessage("AMANAH_HTTP_COLOUR (from the environment): no such configuration key (see defaults.yaml for the keys)");
    }

    @Test
    void badValuesAreRefusedWithTheirRule() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_TIMEOUTS_VALIDATION", "2 seconds")))
                .hasMessageContaining("timeouts.validation").hasMessageContaining("a duration such as");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,XAU")))
                .hasMessageContaining("donations.currencies");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DONATIONS_MIN_AMOUNT", "-1")))
                .hasMessageContaining("donations.minAmount").hasMessageContaining("positive");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_FRAUD_CARD_ATTEMPTS_DENY_AT", "2")))
                .hasMessage("fraud.cardAttempts.denyAt (from AMANAH_FRAUD_CARD_ATTEMPTS_DENY_AT): must be at least fraud.cardAttempts.reviewAt (5)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_GATEWAY_MAX_ATTEMPTS", "4")))
                .hasMessageContaining("gateway.maxAttempts");
    }

    @Test
    void secureCookiesMustBeTrueOrFalse() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_SECURE_COOKIES", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.secureCookies (from AMANAH_HTTP_SECURE_COOKIES): must be true or false, got 'yes'");
    }

    @Test
    void trustedProxiesMustBeAddressesOrBlocksNeverHostNamesOrEveryAddress() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_TRUSTED_PROXIES", "10.0.0.5,proxy.internal")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("http.trustedProxies (from AMANAH_HTTP_TRUSTED_PROXIES): 'proxy.internal' is not an IP address"
                        + " or a range such as 10.0.0.0/8 or fd00::/8 (host names are not accepted)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_TRUSTED_PROXIES", "0.0.0.0/0")))
                .hasMessage("http.trustedProxies (from AMANAH_HTTP_TRUSTED_PROXIES): '0.0.0.0/0' is every address:"
                        + " trusting it would let any client choose its own address");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_TRUSTED_PROXIES", "10.0.0.0/33")))
                .hasMessage("http.trustedProxies (from AMANAH_HTTP_TRUSTED_PROXIES): '10.0.0.0/33' has a prefix length above 32");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_TRUSTED_PROXIES", "fd00::/")))
                .hasMessage("http.trustedProxies (from AMANAH_HTTP_TRUSTED_PROXIES): 'fd00::/' has no prefix length after the '/' (1 to 128)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_HTTP_TRUSTED_PROXIES", "010.0.0.1")))
                .hasMessageContaining("'010.0.0.1' is not an IP address");
    }

    @Test
    void aDurationBeyondAYearIsRefusedWhenReadNotOverflowingWhenUsed() {
        // 999999999h fits a Duration but not a long of nanoseconds: http.shutdownGrace threw an
        // ArithmeticException at shutdown, gateway.backoffBase at the first retry.
        for (var variable : new String[] {"AMANAH_TIMEOUTS_REQUEST", "AMANAH_HTTP_SHUTDOWN_GRACE", "AMANAH_GATEWAY_BACKOFF_MAX"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(variable, "999999999h")))
                    .as(variable)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("(from " + variable + "): must be a duration of at most 8760h (365 days), got '999999999h'");
        }
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_TIMEOUTS_REQUEST", "8761h")))
                .hasMessage("timeouts.request (from AMANAH_TIMEOUTS_REQUEST): must be a duration of at most 8760h (365 days), got '8761h'");
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AMANAH_TIMEOUTS_REQUEST", "8760h")).timeouts().request())
                .isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aKeyGivenTwiceInTheFileIsRefused() throws IOException {
        // YAML forbids it; read last-wins, the second "database" would drop the first's url
        // silently, and the service would start on an empty SQLite file instead of PostgreSQL.
        var file = write("""
                database:
                  url: jdbc:postgresql://db.example.org:5432/amanah
                http: { port: 9000 }
                database:
                  poolSize: 20
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'database'")
                .hasMessageContaining("twice");
        var nested = write("http: { port: 9000, host: 127.0.0.1, port: 9100 }\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(nested), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'port'");
    }

    @Test
    void aDatabaseUrlOfNeitherSupportedDatabaseIsAConfigError() {
        // Refused when the configuration is read (exit code 2, one line), not when the store opens
        // (a stack trace, exit code 1); the URL is not echoed, it may carry a password.
        for (var url : new String[] {"postgres://db.example.org/amanah?password=s3cret", "jdbc:mysql://db/amanah", "jdbc:sqlite:"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DATABASE_URL", url)))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("database.url (from AMANAH_DATABASE_URL): ")
                    .hasMessageContaining("jdbc:postgresql://")
                    .hasMessageNotContaining("s3cret");
        }
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DATABASE_URL", "jdbc:sqlite:/tmp/x.db")).database().embedded())
                .isTrue();
    }

    /**
     * A relative SQLite file was kept as written, so the start line and every error named a file
     * relative to a working directory they did not name (under systemd without one, {@code /}).
     */
    @Test
    void aRelativeSqliteFileIsNamedByItsAbsolutePathAsDataDirIs() {
        var workingDirectory = Path.of("").toAbsolutePath();

        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DATABASE_URL", "jdbc:sqlite:./data/../db/amanah.db"));

        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + workingDirectory.resolve("db").resolve("amanah.db"));
        assertThat(config.database().jdbcUrl()).isEqualTo(config.database().url());
        assertThat(config.database().embedded()).isTrue();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DATABASE_URL", "jdbc:sqlite:/srv/amanah/../amanah.db"))
                .database().url()).isEqualTo("jdbc:sqlite:" + Path.of("/srv/amanah.db"));
    }

    @Test
    void anSqliteFileThatCannotBeAPathIsAConfigError() throws IOException {
        var file = write("database: { url: \"jdbc:sqlite:data/a\\0b.db\" }\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("database.url (from " + file + "): ")
                .hasMessageContaining("jdbc:sqlite:<file>");
    }

    @Test
    void brokenYamlIsReportedAsSuch() throws IOException {
        var file = write("http: [unclosed\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    /**
     * An operator's slip in the file's syntax (a tab for indentation, a quote or a bracket left
     * open) is told in one line, as every other configuration error is, with the line and column
     * where the parser found it and what it found there: the parser's own message runs over
     * several lines, quoting the line and pointing at it with a caret.
     */
    @Test
    void brokenYamlIsToldInOneLineNamingWhereAndWhat() throws IOException {
        var slips = Map.of(
                "http:\n\tport: 9090\n", List.of("line 2, column 1", "TAB"),
                "organisation:\n  name: \"Amanah Trust\n  charityNumber: 1\n", List.of("line 4, column 1", "quoted scalar"),
                "donations:\n  currencies: [GBP, EUR\n", List.of("line 3, column 1", "expected ',' or ']'"));
        for (var slip : slips.entrySet()) {
            var file = write(slip.getKey());

            assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                    .as(slip.getKey())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("(file) (from " + file + "): not valid YAML: ")
                    .hasMessageContainingAll(slip.getValue().toArray(String[]::new))
                    .hasMessageNotContaining("\n");
        }
    }

    private Path write(String yaml) throws IOException {
        var file = dir.resolve("amanah.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
