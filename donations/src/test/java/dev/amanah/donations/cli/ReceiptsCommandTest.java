package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amanah receipts --year}: fills the year's missing receipts once, writes statements, refuses bad input. */
class ReceiptsCommandTest {
    private static final Clock IN_2026 = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        return run(Amanah.commandLine(IN_2026), args);
    }

    private static Run run(picocli.CommandLine commandLine, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(boolean receiptsOn) throws IOException {
        return Files.writeString(dir.resolve("amanah.yaml"), """
                database:
                  dataDir: %s
                receipts:
                  enabled: %s
                  outputDir: %s
                """.formatted(dir.resolve("data"), receiptsOn, dir.resolve("out")));
    }

    /** A donation recorded now (the store's clock) by {@code donor}; {@code receipted} moves it on without a receipt (receipts off). */
    private static void donation(Store store, String id, String donor, Money amount, boolean receipted) {
        store.donations().create(new NewDonation(id, "key-" + id, "zakat-2026", Donor.of(donor, null, "Name of " + donor), amount));
        store.donations().markValidated(id);
        store.donations().markCharged(id, "ch-" + id);
        store.donations().record(id, "donation " + id,
                List.of(Entry.debit(Account.clearing("sandbox"), amount), Entry.credit(Account.campaign("zakat-2026"), amount)));
        if (receipted) {
            store.donations().markReceipted(id);
        }
    }

    private void seed() {
        var url = "jdbc:sqlite:" + dir.resolve("data").resolve("amanah.db");
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var in2025 = Clock.fixed(Instant.parse("2025-12-31T23:00:00Z"), ZoneOffset.UTC);
        try (var old = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), in2025)) {
            old.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("10000.00", "GBP"),
                    LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31)));
            old.campaigns().moveTo("zakat-2026", CampaignState.ACTIVE);
            donation(old, "d-2025", "donor-a", Money.of("99.00", "GBP"), true);
        }
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), IN_2026)) {
            donation(store, "d-1", "donor-a", Money.of("10.00", "GBP"), true);
            donation(store, "d-2", "donor-a", Money.of("2.50", "GBP"), false);
            donation(store, "d-3", "donor-b", Money.of("7.25", "GBP"), true);
        }
    }

    private static String pdfText(Path pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void issues_the_years_missing_receipts_once_and_writes_each_donors_statement() throws IOException {
        var config = config(true);
        seed();

        var first = run("receipts", "--year", "2026", "--config", config.toString());
        var second = run("receipts", "--year", "2026", "--config", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        var statements = dir.resolve("out").resolve("statements").resolve("2026");
        assertThat(first.out()).contains("amanah receipts 2026: 3 receipts issued, 3 in 2026 in all; 2 statements written to "
                + statements);
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("0 receipts issued, 3 in 2026 in all; 2 statements written");
        var donorA = pdfText(statements.resolve("statement-2026-01-01-to-2026-12-31-donor-a.pdf"));
        assertThat(donorA).contains("Name of donor-a", "AMN-2026-000001", "AMN-2026-000002", "12.50 GBP", "Zakat 2026")
                .doesNotContain("99.00", "AMN-2025");
        assertThat(pdfText(statements.resolve("statement-2026-01-01-to-2026-12-31-donor-b.pdf")))
                .contains("AMN-2026-000003", "7.25 GBP");
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl("jdbc:sqlite:" + dir.resolve("data/amanah.db"), "", "")), IN_2026)) {
            var receipts = new ReceiptStore(store.database(), IN_2026, store.donations());
            assertThat(receipts.originalOf("d-2025")).isEmpty();
            assertThat(store.donations().get("d-2").phase()).hasToString("RECEIPTED");
            assertThat(receipts.originalOf("d-2").orElseThrow().donatedOn()).isEqualTo(LocalDate.of(2026, 12, 4));
        }
    }

    /**
     * Where standard error is a file or a pipe (cron, CI; here a pipe to Maven), no progress bar is
     * drawn: its carriage-return redraws would each stay in the log. Standard error stays empty,
     * standard output has the one-line summary.
     */
    @Test
    void a_run_whose_standard_error_is_not_a_terminal_prints_the_summary_and_no_progress() throws IOException {
        var config = config(true);
        seed();

        var run = run("receipts", "--year", "2026", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("\r").hasLineCount(1).startsWith("amanah receipts 2026: 3 receipts issued");
    }

    /** On a terminal each phase draws a bar, redrawn in place, that ends its line when the phase is done. */
    @Test
    void a_terminal_gets_a_progress_bar_per_phase_each_ending_its_line() throws IOException {
        var config = config(true);
        seed();

        var run = run(Amanah.commandLine(IN_2026, () -> true), "receipts", "--year", "2026", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        var lines = run.err().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("\rReceipts 2026").contains("100%", "3/3");
        assertThat(lines[1]).startsWith("\rStatements 2026").contains("100%", "2/2");
        assertThat(run.err()).endsWith("\n");
        assertThat(run.out()).hasLineCount(1).startsWith("amanah receipts 2026: 3 receipts issued");
    }

    /**
     * A donation taken while receipts were off and refunded in full before {@code amanah receipts}
     * ran gets no receipt (it got one, for the whole gift, and its donor a statement of it), and
     * the run says so; the others are receipted as ever.
     */
    @Test
    void a_donation_refunded_in_full_meanwhile_is_not_receipted_and_the_run_says_so() throws IOException {
        var config = config(true);
        seed();
        var url = "jdbc:sqlite:" + dir.resolve("data").resolve("amanah.db");
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), IN_2026)) {
            var gift = Money.of("7.25", "GBP");
            store.refunds().request(new NewRefund("r-3", "key-r-3", "d-3", gift, "refund r-3",
                    List.of(Entry.debit(Account.campaign("zakat-2026"), gift), Entry.credit(Account.refundsPayable(), gift)),
                    List.of(Entry.debit(Account.refundsPayable(), gift), Entry.credit(Account.clearing("sandbox"), gift))));
            store.refunds().confirm("r-3");
        }

        var run = run("receipts", "--year", "2026", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("amanah receipts 2026: 2 receipts issued, 2 in 2026 in all, 1 refunded in full and not"
                + " receipted; 1 statements written");
        assertThat(dir.resolve("out/statements/2026/statement-2026-01-01-to-2026-12-31-donor-b.pdf")).doesNotExist();
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), IN_2026)) {
            assertThat(new ReceiptStore(store.database(), IN_2026, store.donations()).originalOf("d-3")).isEmpty();
        }
    }

    /**
     * A statement dates its refunds in {@code receipts.zone}, as it dates the donations: a refund
     * given back at 23:40 UTC is the next day in Kiritimati (UTC+14), the day of the donation it
     * returns, not the day before.
     */
    @Test
    void a_statement_dates_refunds_in_the_receipts_zone_not_the_clocks() throws IOException {
        var config = Files.writeString(dir.resolve("amanah.yaml"), """
                database:
                  dataDir: %s
                receipts:
                  enabled: true
                  zone: Pacific/Kiritimati
                  outputDir: %s
                """.formatted(dir.resolve("data"), dir.resolve("out")));
        Files.createDirectories(dir.resolve("data"));
        var url = "jdbc:sqlite:" + dir.resolve("data").resolve("amanah.db");
        var lateInUtc = Clock.fixed(Instant.parse("2026-12-04T23:30:00Z"), ZoneOffset.UTC);
        var gift = Money.of("10.00", "GBP");
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), lateInUtc)) {
            store.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("10000.00", "GBP"),
                    LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31)));
            store.campaigns().moveTo("zakat-2026", CampaignState.ACTIVE);
            donation(store, "d-1", "donor-a", gift, false);
        }
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")),
                Clock.fixed(Instant.parse("2026-12-04T23:40:00Z"), ZoneOffset.UTC))) {
            // In part: a donation refunded in full before its receipt gets none, nor a statement.
            var part = Money.of("4.00", "GBP");
            store.refunds().request(new NewRefund("r-1", "key-r-1", "d-1", part, "refund r-1",
                    List.of(Entry.debit(Account.campaign("zakat-2026"), part), Entry.credit(Account.refundsPayable(), part)),
                    List.of(Entry.debit(Account.refundsPayable(), part), Entry.credit(Account.clearing("sandbox"), part))));
            store.refunds().confirm("r-1");
        }

        var run = run("receipts", "--year", "2026", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        var statement = pdfText(dir.resolve("out/statements/2026/statement-2026-01-01-to-2026-12-31-donor-a.pdf"));
        assertThat(statement.lines().filter(line -> line.contains("Refund:")))
                .singleElement().asString().startsWith("5 December 2026");
        assertThat(statement).doesNotContain("4 December 2026");
    }

    @Test
    void a_bad_year_or_switched_off_receipts_is_a_clear_error() throws IOException {
        var badYear = run("receipts", "--year", "26", "--config", config(true).toString());
        assertThat(badYear.exitCode()).isEqualTo(2);
        assertThat(badYear.err()).contains("amanah receipts: INVALID_VALUE --year: must be a year from 2000 to 2100, got 26");

        var missing = run("receipts");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--year=YEAR'");

        var off = run("receipts", "--year", "2026", "--config", config(false).toString());
        assertThat(off.exitCode()).isEqualTo(2);
        assertThat(off.err()).contains("INVALID_VALUE receipts.enabled: receipts are switched off");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** An empty --out was the working directory to Java: the statements were written among the user's own files. */
    @Test
    void an_empty_out_is_a_missing_directory_and_nothing_is_issued() throws IOException {
        var run = run("receipts", "--year", "2026", "--config", config(true).toString(), "--out", "");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("amanah receipts: MISSING_INPUT --out: the path is empty; name a directory" + System.lineSeparator());
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void a_statements_directory_that_cannot_be_made_is_bad_input_named_by_its_flag() throws IOException {
        var config = config(true);
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        var run = run("receipts", "--year", "2026", "--config", config.toString(), "--out", file.resolve("statements").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah receipts: UNWRITABLE_OUTPUT --out: " + file.resolve("statements"))
                .contains("Not a directory").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        // Refused before any receipt is issued: the database is not even opened.
        assertThat(dir.resolve("data")).doesNotExist();

        Files.writeString(config, Files.readString(config).replace(dir.resolve("out").toString(), file.toString()));
        var fromConfig = run("receipts", "--year", "2026", "--config", config.toString());
        assertThat(fromConfig.exitCode()).as(fromConfig.err()).isEqualTo(2);
        assertThat(fromConfig.err()).startsWith("amanah receipts: UNWRITABLE_OUTPUT receipts.outputDir: ");
    }
}
