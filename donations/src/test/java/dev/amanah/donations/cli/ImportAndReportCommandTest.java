package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.ConfigException;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah import} and {@code amanah report} end to end on an SQLite database chosen by --config,
 * and {@code amanah report}'s refusals of bad input.
 */
class ImportAndReportCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Path config;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void database() throws IOException {
        config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data") + "\n");
        try (var store = Store.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            store.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("50000.00", "GBP"),
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
            store.campaigns().create(new NewCampaign("water", "Water wells", FundType.SADAQAH, Money.of("20000.00", "USD"),
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        }
    }

    private Run run(String... args) {
        return run(Amanah.commandLine(NOW), args);
    }

    private Run run(picocli.CommandLine commandLine, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    /**
     * Import's progress: a bar per phase on a terminal, each ending its line; nothing where
     * standard error is a file or a pipe (here a pipe to Maven), where each redraw would stay.
     */
    @Test
    void import_draws_progress_bars_on_a_terminal_only() throws IOException {
        var csv = Files.writeString(dir.resolve("donations.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1
                BANK-2,2026-11-04,zakat-2026,100.00,GBP,d-2
                """, StandardCharsets.UTF_8);

        var onTerminal = run(Amanah.commandLine(NOW, () -> true), "import", csv.toString());
        assertThat(onTerminal.code()).as(onTerminal.err()).isZero();
        var lines = onTerminal.err().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("\rChecking").contains("100%", "2/2");
        assertThat(lines[1]).startsWith("\rImporting").contains("100%", "2/2");
        assertThat(onTerminal.err()).endsWith("\n");

        var redirected = run("import", csv.toString());
        assertThat(redirected.code()).as(redirected.err()).isZero();
        assertThat(redirected.err()).isEmpty();
        assertThat(redirected.out()).hasLineCount(1).contains("2 rows; imported 0; already imported 2");
    }

    @Test
    void import_then_report_as_pdf_and_csv() throws IOException {
        var csv = Files.writeString(dir.resolve("donations.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id,donor_name
                BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1,Aisha
                BANK-2,2026-11-04,zakat-2026,100.00,GBP,d-2,Bilal
                BANK-3,2026-11-05,water,40.00,USD,d-3,Chen
                """, StandardCharsets.UTF_8);
        var imported = run("import", csv.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("donations.csv: 3 rows; imported 3 (125.00 GBP, 40.00 USD); already imported 0; skipped 0");
        assertThat(run("import", csv.toString()).out()).contains("imported 0; already imported 3");

        var pdf = run("report", "--month", "2026-11", "--out", dir.resolve("reports").toString());
        assertThat(pdf.code()).as(pdf.err()).isZero();
        assertThat(pdf.out()).contains("3 donations from 3 donors; ledger balanced", "ZAKAT GBP: net 125.00", "total ");
        try (var document = Loader.loadPDF(dir.resolve("reports/2026-11-organisation.pdf").toFile())) {
            assertThat(new PDFTextStripper().getText(document)).contains("November 2026", "ZAKAT GBP 2 125.00 0.00 0.00 125.00");
        }

        var campaignCsv = run("report", "--month", "2026-11", "--campaign", "water", "--format", "csv",
                "--out", dir.resolve("csv").toString());
        assertThat(campaignCsv.code()).as(campaignCsv.err()).isZero();
        assertThat(Files.readString(dir.resolve("csv/2026-11-campaign-water-totals.csv")))
                .isEqualTo("Fund,Currency,Donations,Gross,Refunds requested,Refunds voided,Net\r\nSADAQAH,USD,1,40.00,0.00,0.00,40.00\r\n");
    }

    /**
     * The organisation keeps its books in receipts.zone: a donation at 20:00 UTC on 30 November
     * is receipted "1 December" in Kuala Lumpur (UTC+8), so December's report counts it, and one
     * at 18:00 UTC on 31 October (receipted 1 November) is November's. The report's months were
     * UTC months, so the receipts of a month did not add up to its report.
     */
    @Test
    void a_report_s_month_is_the_month_in_receipts_zone() throws IOException {
        Files.writeString(config, "receipts:\n  zone: Asia/Kuala_Lumpur\n", StandardOpenOption.APPEND);
        var csv = Files.writeString(dir.resolve("edges.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-10-31T18:00:00Z,zakat-2026,7.00,GBP,d-1
                BANK-2,2026-11-15T12:00:00Z,zakat-2026,25.00,GBP,d-2
                BANK-3,2026-11-30T20:00:00Z,zakat-2026,100.00,GBP,d-3
                """, StandardCharsets.UTF_8);
        var imported = run("import", csv.toString());
        assertThat(imported.code()).as(imported.err()).isZero();

        var november = run("report", "--month", "2026-11", "--format", "csv", "--out", dir.resolve("nov").toString());
        assertThat(november.code()).as(november.err()).isZero();
        assertThat(Files.readString(dir.resolve("nov/2026-11-organisation-totals.csv")))
                .isEqualTo("Fund,Currency,Donations,Gross,Refunds requested,Refunds voided,Net\r\nZAKAT,GBP,2,32.00,0.00,0.00,32.00\r\n");
        var december = run("report", "--month", "2026-12", "--format", "csv", "--out", dir.resolve("dec").toString());
        assertThat(december.code()).as(december.err()).isZero();
        assertThat(Files.readString(dir.resolve("dec/2026-12-organisation-totals.csv")))
                .isEqualTo("Fund,Currency,Donations,Gross,Refunds requested,Refunds voided,Net\r\nZAKAT,GBP,1,100.00,0.00,0.00,100.00\r\n");
    }

    /**
     * A bank statement's date is a day where the organisation is: "2026-12-01" imported in New York
     * is the first of December there. It was taken as 00:00 UTC, 19:00 on 30 November in New York,
     * so its receipt read "30 November" and November's report counted it.
     */
    @Test
    void an_imported_day_is_the_day_in_receipts_zone_on_its_receipt_and_in_the_report() throws IOException {
        Files.writeString(config, "receipts:\n  zone: America/New_York\n  outputDir: " + dir.resolve("receipts") + "\n",
                StandardOpenOption.APPEND);
        var csv = Files.writeString(dir.resolve("days.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-12-01,zakat-2026,25.00,GBP,d-1
                """, StandardCharsets.UTF_8);
        var imported = run("import", csv.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        var receipts = run("receipts", "--year", "2026", "--no-statements");
        assertThat(receipts.code()).as(receipts.err()).isZero();
        try (var store = Store.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            assertThat(new ReceiptStore(store.database(), NOW, store.donations()).currentForDonor("d-1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)))
                    .singleElement().satisfies(r -> assertThat(r.donatedOn()).isEqualTo(LocalDate.of(2026, 12, 1)));
        }
        var december = run("report", "--month", "2026-12", "--format", "csv", "--out", dir.resolve("dec").toString());
        assertThat(december.code()).as(december.err()).isZero();
        assertThat(Files.readString(dir.resolve("dec/2026-12-organisation-totals.csv")))
                .isEqualTo("Fund,Currency,Donations,Gross,Refunds requested,Refunds voided,Net\r\nZAKAT,GBP,1,25.00,0.00,0.00,25.00\r\n");
    }

    @Test
    void a_bad_file_is_refused_with_line_numbers_and_an_unknown_campaign_report_is_bad_input() throws IOException {
        var csv = Files.writeString(dir.resolve("bad.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1
                BANK-2,2026-11-04,zakat-2026,ten,GBP,d-2
                """, StandardCharsets.UTF_8);
        var refused = run("import", csv.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("IMPORT_REFUSED " + csv + ": 1 bad row (1 problem), nothing imported",
                "line 3, column amount: 'ten' is not a decimal number");
        var report = run("report", "--month", "2026-11", "--campaign", "nowhere", "--out", dir.resolve("r").toString());
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).contains("CAMPAIGN_NOT_FOUND");
        assertThat(run("report", "--month", "2026-11", "--out", dir.resolve("r").toString()).out())
                .contains("0 donations from 0 donors; ledger balanced");
    }

    /** A name with a line break, which the API refuses (422 INVALID_NAME), was imported and printed on the receipt. */
    @Test
    void a_donor_name_with_a_line_break_is_refused_in_the_apis_words_and_nothing_is_imported() throws IOException {
        var csv = Files.writeString(dir.resolve("names.csv"), "reference,received_at,campaign_id,amount,currency,donor_id,donor_name\n"
                + "BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1,Aisha\n"
                + "BANK-2,2026-11-04,zakat-2026,10.00,GBP,d-2,\"Khan\nBilal\"\n", StandardCharsets.UTF_8);
        var refused = run("import", csv.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("IMPORT_REFUSED " + csv + ": 1 bad row (1 problem), nothing imported",
                "line 4, column donor_name: must not contain control characters (such as a line break or the zero character U+0000)");
        assertThat(run("report", "--month", "2026-11", "--out", dir.resolve("r").toString()).out())
                .contains("0 donations from 0 donors; ledger balanced");
    }

    /** The usage showed picocli's placeholders, --format=<format> and --rates=<rates>, instead of the values taken. */
    @Test
    void report_help_shows_the_values_of_format_and_rates() {
        var help = run(Amanah.commandLine(NOW), "report", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("[--format=pdf|csv]", "[--rates=file|ecb]").doesNotContain("<format>", "<rates>");
        assertThat(help.out().replaceAll("\\s+", " ")).as("which rates file a report uses").contains("default: fraud.ratesFile");
    }

    /** A data directory that cannot be made was a stack trace (UncheckedIOException) and exit code 1. */
    @Test
    void a_data_directory_that_cannot_be_made_is_bad_input_in_one_line_naming_the_key() throws IOException {
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        var dataDir = file.resolve("data");
        config = Files.writeString(dir.resolve("elsewhere.yaml"), "database:\n  dataDir: " + dataDir + "\n");
        var csv = Files.writeString(dir.resolve("donations.csv"),
                "reference,received_at,campaign_id,amount,currency,donor_id\nBANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1\n");
        var commands = List.of(List.of("import", csv.toString()), List.of("report", "--month", "2026-11", "--out",
                dir.resolve("r").toString()), List.of("receipts", "--year", "2026", "--no-statements"), List.of("mail", "--retry-failed"));
        for (var command : commands) {
            var run = run(command.toArray(String[]::new));
            assertThat(run.code()).as(command + run.err()).isEqualTo(2);
            assertThat(run.err()).as(command.toString()).startsWith("amanah " + command.getFirst()
                    + ": UNWRITABLE_OUTPUT database.dataDir: " + dataDir + " cannot be written (").contains("Not a directory")
                    .doesNotContain("\tat ", "Exception");
            assertThat(run.err().strip().lines()).as(command.toString()).hasSize(1);
        }
    }

    // Refusals of bad input: one line naming the flag, exit code 2, nothing written.

    /** A directory given as the file was a stack trace of UncheckedIOException and exit code 1. */
    @Test
    void a_directory_given_as_the_file_is_bad_input_in_one_line() throws IOException {
        var folder = Files.createDirectory(dir.resolve("exports"));
        var run = run("import", folder.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("amanah import: UNREADABLE_FILE " + folder
                + ": a directory, not a CSV file" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    /**
     * The summary and the refusal named the file by its last name alone: /dev/stdin was "stdin",
     * and two files of one name in different folders could not be told apart. They name the path given.
     */
    @Test
    void the_summary_and_a_refusal_name_the_file_by_the_path_given() throws IOException {
        var november = Files.createDirectories(dir.resolve("bank").resolve("november"));
        var csv = Files.writeString(november.resolve("null"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1
                """, StandardCharsets.UTF_8);
        var imported = run("import", csv.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("amanah import: " + csv + ": 1 row; imported 1 (25.00 GBP)");

        var bad = Files.writeString(november.resolve("bad.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-2,2026-11-04,zakat-2026,ten,GBP,d-2
                """, StandardCharsets.UTF_8);
        var refused = run("import", bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).startsWith("amanah import: IMPORT_REFUSED " + bad + ": 1 bad row (1 problem), nothing imported");
    }

    /** The summary said "1 rows", and counted a row skipped once per problem it had. */
    @Test
    void the_summary_counts_rows_in_words_that_agree_with_the_count_and_a_skipped_row_once() throws IOException {
        var csv = Files.writeString(dir.resolve("mixed.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1
                BANK-2,2027-11-04,zakat-2026,ten,GBP,d-2
                """, StandardCharsets.UTF_8);
        var imported = run("import", csv.toString(), "--skip-bad");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("amanah import: " + csv + ": 2 rows; imported 1 (25.00 GBP); already imported 0;"
                + " skipped 1 row with 2 problems (listed in " + dir.resolve("mixed.skipped.csv") + ")" + System.lineSeparator());

        var again = run("import", csv.toString(), "--skip-bad");
        assertThat(again.out()).isEqualTo("amanah import: " + csv + ": 2 rows; imported 0; already imported 1;"
                + " skipped 1 row with 2 problems (listed in " + dir.resolve("mixed.skipped.csv") + ")" + System.lineSeparator());
    }

    /** An empty path is the working directory to Java: it was refused as "UNREADABLE_FILE : a directory, not a CSV file". */
    @Test
    void an_empty_path_is_a_missing_file_named_by_its_flag() {
        var imported = run("import", "");
        assertThat(imported.code()).isEqualTo(2);
        assertThat(imported.err()).isEqualTo("amanah import: MISSING_INPUT FILE: the path is empty; name a file" + System.lineSeparator());
        var report = run("report", "--month", "2026-11", "--rates-file", "", "--out", dir.resolve("r").toString());
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).isEqualTo("amanah report: MISSING_INPUT --rates-file: the path is empty; name a file" + System.lineSeparator());
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("report", "--month", "2026-11", "--config", "", "--out", dir.resolve("r").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("amanah report: MISSING_INPUT --config: the path is empty; name a file" + System.lineSeparator());
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /**
     * An empty --out was the working directory to Java: the report was written there, among the
     * user's own files, where nobody asked for it.
     */
    @Test
    void an_empty_out_is_a_missing_directory_and_nothing_is_written() throws IOException {
        var before = listing(Path.of(""));
        var report = run("report", "--month", "2026-11", "--format", "csv", "--out", "");
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).isEqualTo("amanah report: MISSING_INPUT --out: the path is empty; name a directory" + System.lineSeparator());
        assertThat(listing(Path.of(""))).isEqualTo(before);
    }

    /** --rates ecb fetches the ECB's feed: a --rates-file given with it was ignored without a word. */
    @Test
    void a_rates_file_given_with_rates_ecb_is_refused_not_ignored() throws IOException {
        var rates = Files.writeString(dir.resolve("rates.csv"), "date,currency,per_eur\n2026-11-30,GBP,0.85\n");
        var report = run("report", "--month", "2026-11", "--rates", "ecb", "--rates-file", rates.toString(), "--out", dir.resolve("r").toString());
        assertThat(report.code()).isEqualTo(2);
        assertThat(report.err()).isEqualTo("amanah report: INVALID_VALUE --rates-file: read with --rates file only; --rates ecb fetches"
                + " the ECB's daily feed. Give one of the two" + System.lineSeparator());
        assertThat(dir.resolve("r")).doesNotExist();
    }

    private static List<String> listing(Path directory) throws IOException {
        try (var entries = Files.list(directory.toAbsolutePath())) {
            return entries.map(Path::toString).sorted().toList();
        }
    }

    /** A Latin-1 export is one error naming the byte, not a bad row, --skip-bad or not; nothing imported, nothing listed. */
    @Test
    void a_file_that_is_not_utf_8_is_one_error_naming_the_first_byte_that_is_not() throws IOException {
        var latin1 = Files.write(dir.resolve("latin1.csv"), ("reference,received_at,campaign_id,amount,currency,donor_id,donor_name\n"
                + "BANK-1,2026-11-03,zakat-2026,25.00,GBP,d-1,Ren\u00e9e\n").getBytes(StandardCharsets.ISO_8859_1));
        for (var skipBad : List.of(false, true)) {
            var run = skipBad ? run("import", latin1.toString(), "--skip-bad") : run("import", latin1.toString());

            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as("--skip-bad %s", skipBad).isEqualTo("amanah import: NOT_UTF8 " + latin1
                    + ": not UTF-8: byte 0xE9 at offset 116 (line 2) is not UTF-8 text; save it as \"CSV UTF-8\" and import it again;"
                    + " nothing imported" + System.lineSeparator());
            assertThat(run.out()).isEmpty();
        }
        assertThat(dir.resolve("latin1.skipped.csv")).doesNotExist();
    }

    /** An empty file has no header, so no columns are missing from it: it is one error, --skip-bad or not. */
    @Test
    void an_empty_file_is_one_error_saying_it_has_no_header_and_no_rows() throws IOException {
        var empty = Files.writeString(dir.resolve("empty.csv"), "");
        var blank = Files.writeString(dir.resolve("blank.csv"), "\uFEFF\n\n");
        for (var file : List.of(empty, blank)) {
            for (var skipBad : List.of(false, true)) {
                var run = skipBad ? run("import", file.toString(), "--skip-bad") : run("import", file.toString());

                assertThat(run.code()).as(run.err()).isEqualTo(2);
                assertThat(run.err()).as("%s, --skip-bad %s", file, skipBad).startsWith("amanah import: EMPTY_FILE " + file
                        + ": no header and no rows; its first line names the columns" + System.lineSeparator()
                        + "Columns: reference,received_at,campaign_id,amount,currency,donor_id (required)")
                        .hasLineCount(2);
                assertThat(run.out()).isEmpty();
            }
        }
        assertThat(dir.resolve("empty.skipped.csv")).doesNotExist();
        assertThat(dir.resolve("blank.skipped.csv")).doesNotExist();
    }

    @Test
    void a_rates_file_that_does_not_exist_is_bad_input_named_by_its_flag() {
        var missing = dir.resolve("no-such-rates.csv");
        var run = run("report", "--month", "2026-11", "--rates-file", missing.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah report: UNREADABLE_FILE --rates-file: ").contains(missing.toString())
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void a_rates_file_with_a_bad_row_is_bad_input_naming_the_line() throws IOException {
        var bad = Files.writeString(dir.resolve("rates.csv"), "date,currency,per_eur\n2026-11-30,USD,abc\n");
        var run = run("report", "--month", "2026-11", "--rates-file", bad.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah report: INVALID_VALUE --rates-file: ").contains("line 2")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /**
     * A rates file the report cannot use is refused in the sentence the configuration's
     * fraud.ratesFile gets for the same file: the report said "cannot be read: " and Java's
     * message for a directory or a file that is not UTF-8, and ran on a file with no rates.
     */
    @Test
    void a_rates_file_is_refused_in_the_words_the_configuration_uses_for_it() throws IOException {
        var folder = Files.createDirectory(dir.resolve("rates-folder"));
        var latin1 = Files.write(dir.resolve("latin1.csv"),
                "date,currency,per_eur\n# caf\u00e9\n2026-11-30,GBP,0.87\n".getBytes(StandardCharsets.ISO_8859_1));
        var headerOnly = Files.writeString(dir.resolve("header-only.csv"), "date,currency,per_eur\n# none yet\n");
        var badRow = Files.writeString(dir.resolve("bad-row.csv"), "date,currency,per_eur\n2026-11-30,USD,0\n");
        var expected = new java.util.LinkedHashMap<Path, String>();
        expected.put(dir.resolve("missing.csv"), "UNREADABLE_FILE --rates-file: " + dir.resolve("missing.csv") + ": no such file");
        expected.put(folder, "UNREADABLE_FILE --rates-file: " + folder + ": a directory, not a file");
        expected.put(latin1, "UNREADABLE_FILE --rates-file: " + latin1 + ": not UTF-8 text: save it as UTF-8 and try again");
        expected.put(headerOnly, "INVALID_VALUE --rates-file: " + headerOnly + ": has no rates, only a header or comments");
        expected.put(badRow, "INVALID_VALUE --rates-file: rates file bad-row.csv line 2: the USD rate of 2026-11-30 must be above zero, was 0");
        expected.forEach((file, refusal) -> {
            var report = run("report", "--month", "2026-11", "--rates-file", file.toString(), "--out", dir.resolve("r").toString());
            assertThat(report.code()).as(report.err()).isEqualTo(2);
            assertThat(report.err()).isEqualTo("amanah report: " + refusal + System.lineSeparator());
            var configured = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.load(Optional.empty(), Map.of("AMANAH_FRAUD_RATES_FILE", file.toString())));
            assertThat(configured.getMessage()).as("the configuration's words for %s", file)
                    .isEqualTo("fraud.ratesFile (from AMANAH_FRAUD_RATES_FILE): " + refusal.substring(refusal.indexOf("--rates-file: ") + 14));
        });
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /**
     * A configuration that names fraud.ratesFile has its rates: the report converted at the bundled
     * rates unless --rates-file was given again. --rates-file still wins, and the summary says
     * which rates it used.
     */
    @Test
    void the_report_converts_at_the_configured_rates_file_unless_rates_file_is_given() throws IOException {
        var treasurer = Files.writeString(dir.resolve("treasurer.csv"), "date,currency,per_eur\n2026-11-30,GBP,0.80\n2026-11-30,USD,1.00\n");
        var other = Files.writeString(dir.resolve("other.csv"), "date,currency,per_eur\n2026-11-30,GBP,0.80\n2026-11-30,USD,2.00\n");
        Files.writeString(config, "fraud:\n  ratesFile: " + treasurer + "\n", StandardOpenOption.APPEND);
        var csv = Files.writeString(dir.resolve("usd.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,water,40.00,USD,d-1
                """, StandardCharsets.UTF_8);
        assertThat(run("import", csv.toString()).code()).isZero();

        var configured = run("report", "--month", "2026-11", "--out", dir.resolve("a").toString());
        assertThat(configured.code()).as(configured.err()).isZero();
        assertThat(configured.out()).contains("  total 32.00 GBP" + System.lineSeparator(),
                "40.00 USD at 0.8 (rates file treasurer.csv of 2026-11-30) = 32.00 GBP",
                "  rates: " + treasurer + " (fraud.ratesFile)" + System.lineSeparator());

        var given = run("report", "--month", "2026-11", "--rates-file", other.toString(), "--out", dir.resolve("b").toString());
        assertThat(given.code()).as(given.err()).isZero();
        assertThat(given.out()).contains("  total 16.00 GBP" + System.lineSeparator(),
                "  rates: " + other + " (--rates-file)" + System.lineSeparator());
    }

    @Test
    void the_report_names_the_bundled_rates_when_none_are_configured_or_given() throws IOException {
        var csv = Files.writeString(dir.resolve("usd.csv"), """
                reference,received_at,campaign_id,amount,currency,donor_id
                BANK-1,2026-11-03,water,40.00,USD,d-1
                """, StandardCharsets.UTF_8);
        assertThat(run("import", csv.toString()).code()).isZero();
        var report = run("report", "--month", "2026-11", "--out", dir.resolve("a").toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out()).contains("  rates: the bundled reference rates, illustrative (give your own with --rates-file or fraud.ratesFile)");
    }

    @Test
    void an_out_directory_that_cannot_be_written_is_bad_input_named_by_its_flag() throws IOException {
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        for (var format : List.of("pdf", "csv")) {
            var run = run("report", "--month", "2026-11", "--format", format, "--out", file.resolve("r").toString());
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(format).startsWith("amanah report: UNWRITABLE_OUTPUT --out: " + file.resolve("r"))
                    .contains("Not a directory").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(run.err().strip().lines()).as(format).hasSize(1);
        }
    }

    @Test
    void a_month_that_is_not_yyyy_mm_is_bad_input_named_by_its_flag() {
        // It was picocli's conversion error, naming java.time.YearMonth and its parser's exception,
        // followed by the whole usage.
        for (var bad : List.of("2026-13", "nov", "2026-11-01")) {
            var run = run("report", "--month", bad, "--out", dir.resolve("r").toString());
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(bad).isEqualTo("amanah report: INVALID_VALUE --month: '" + bad
                    + "' is not a month like 2026-11" + System.lineSeparator());
            assertThat(dir.resolve("r")).doesNotExist();
        }
    }
}
