package dev.amanah.donations.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.amanah.donations.store.BothDatabases;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.TestDatabase;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.io.TempDir;

/** The CSV import on both databases: all or nothing, line-numbered errors, --skip-bad, idempotent re-import. */
class DonationImporterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Currency USD = Currency.getInstance("USD");
    private static final String HEADER = "reference,received_at,campaign_id,amount,currency,donor_id,donor_name,donor_email,fund_type\r\n";
    private static final String GOOD = HEADER
            + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,Aisha,aisha@example.org,ZAKAT\r\n"
            + "BANK-002,2026-11-04T10:15:00Z,zakat-2026,100.00,GBP,d-2,\"Khan, Bilal\",,\r\n"
            + "BANK-003,2026-11-05,water,40.00,USD,d-3,,,\r\n";

    @TempDir
    Path dir;

    private static void campaigns(TestDatabase db) {
        db.store().campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("50000.00", "GBP"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        db.store().campaigns().create(new NewCampaign("water", "Water wells", FundType.SADAQAH, Money.of("20000.00", "USD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The default donations.maxAmount. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000");

    private static DonationImporter importer(TestDatabase db) {
        return importer(db, MAX_AMOUNT);
    }

    private static DonationImporter importer(TestDatabase db, BigDecimal maxAmount) {
        return new DonationImporter(db.store(), maxAmount, NOW, Progress.NONE);
    }

    private static long donations(TestDatabase db) throws Exception {
        try (var c = db.store().database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM donations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @BothDatabases
    void a_good_file_is_booked_like_any_donation_at_its_received_time_and_a_reimport_adds_nothing(TestDatabase db) throws Exception {
        campaigns(db);
        var file = file("donations.csv", GOOD);
        var result = importer(db).run(file, false);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.imported()).isEqualTo(3);
        assertThat(result.importedTotals()).containsExactly(Money.of("125.00", "GBP"), Money.of("40.00", "USD"));
        assertThat(result.skippedReport()).isEmpty();

        var bilal = db.store().donations().findByIdempotencyKey("import:BANK-002").orElseThrow();
        assertThat(bilal.phase()).isEqualTo(DonationPhase.RECEIPTED);
        assertThat(bilal.createdAt()).isEqualTo(Instant.parse("2026-11-04T10:15:00Z"));
        assertThat(bilal.donor().name()).contains("Khan, Bilal");
        assertThat(db.store().ledger().findTransaction(bilal.ledgerTransactionId().getAsLong()).orElseThrow().entries())
                .extracting(e -> e.account()).containsExactly(Account.clearing("import"), Account.campaign("zakat-2026"));
        assertThat(db.store().ledger().creditBalance(Account.campaign("zakat-2026"), GBP)).isEqualTo(Money.of("125.00", "GBP"));

        var again = importer(db).run(file, false);
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(3);
        assertThat(donations(db)).isEqualTo(3);
        assertThat(db.store().ledger().creditBalance(Account.campaign("zakat-2026"), GBP)).isEqualTo(Money.of("125.00", "GBP"));
    }

    /** A spreadsheet's Latin-1 export: one refusal of the whole file naming the first byte that is not UTF-8; nothing imported. */
    @BothDatabases
    void a_file_that_is_not_utf_8_is_refused_whole_naming_the_byte_and_imports_nothing(TestDatabase db) throws Exception {
        campaigns(db);
        var file = Files.write(dir.resolve("latin1.csv"),
                (HEADER + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,Ren\u00e9e,,\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int offset = HEADER.length() + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,Ren".length();
        for (var skipBad : new boolean[] {false, true}) {
            assertThatThrownBy(() -> importer(db).run(file, skipBad)).isInstanceOf(NotUtf8Exception.class)
                    .hasMessage("not UTF-8: byte 0xE9 at offset " + offset + " (line 2) is not UTF-8 text;"
                            + " save it as \"CSV UTF-8\" and import it again");
        }
        assertThat(donations(db)).isZero();
        assertThat(dir.resolve("latin1.skipped.csv")).doesNotExist();
    }

    /**
     * The decoder fails only when it reaches the bad byte: the rows read before it were checked
     * and, with --skip-bad, imported, and every row after it reported as one unreadable row.
     */
    @BothDatabases
    void a_byte_that_is_not_utf_8_far_into_the_file_imports_none_of_the_rows_before_it(TestDatabase db) throws Exception {
        campaigns(db);
        var rows = new StringBuilder(HEADER);
        for (int i = 1; i <= 400; i++) {
            rows.append("BANK-").append(i).append(",2026-11-03,zakat-2026,1.00,GBP,d-").append(i).append(",,,\r\n");
        }
        rows.append("BANK-401,2026-11-03,zakat-2026,1.00,GBP,d-401,Ren\u00e9e,,\r\n");
        var file = Files.write(dir.resolve("late.csv"), rows.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> importer(db).run(file, true)).isInstanceOf(NotUtf8Exception.class)
                .hasMessageContaining("(line 402)");
        assertThat(donations(db)).isZero();
    }

    /** Windows' "Unicode text": UTF-16 with its byte-order mark, or without one, is named as such. */
    @BothDatabases
    void a_utf_16_file_is_refused_whole_saying_so(TestDatabase db) throws Exception {
        campaigns(db);
        var good = HEADER + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,,,\r\n";
        var withMark = Files.write(dir.resolve("utf16.csv"), good.getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> importer(db).run(withMark, true)).isInstanceOf(NotUtf8Exception.class)
                .hasMessage("not UTF-8 but UTF-16 (it starts with UTF-16's byte-order mark);"
                        + " save it as \"CSV UTF-8\" and import it again");
        var withoutMark = Files.write(dir.resolve("utf16le.csv"), good.getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> importer(db).run(withoutMark, true)).isInstanceOf(NotUtf8Exception.class)
                .hasMessage("not UTF-8: a zero byte at offset 1 of the header, which no column name holds (UTF-16 without a byte-order mark?);"
                        + " save it as \"CSV UTF-8\" and import it again");
        assertThat(donations(db)).isZero();
    }

    /** Excel's "CSV UTF-8" starts with a byte-order mark: it is not part of the first column's name. */
    @BothDatabases
    void a_utf_8_file_with_a_byte_order_mark_is_imported(TestDatabase db) throws Exception {
        campaigns(db);
        var file = Files.write(dir.resolve("excel.csv"),
                ("\uFEFF" + HEADER + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,Ren\u00e9e,,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(importer(db).run(file, false).imported()).isEqualTo(1);
        assertThat(db.store().donations().findByIdempotencyKey("import:BANK-001").orElseThrow().donor().name()).contains("Ren\u00e9e");
    }

    @BothDatabases
    void a_file_with_bad_rows_imports_nothing_and_names_every_line_and_column(TestDatabase db) throws Exception {
        campaigns(db);
        var file = file("bad.csv", HEADER
                + "BANK-001,2026-11-03,zakat-2026,25.00,GBP,d-1,,,\r\n"
                + "BANK-002,2026-11-31,zakat-2026,12.345,GBP,d-2,,not-an-email,\r\n"
                + "BANK-001,2026-11-05,nowhere,10.00,GBP,d-3,,,\r\n"
                + "BANK-004,2026-11-05,water,10.00,GBP,d-4,,,SADAQAH\r\n"
                + "BANK-005,2027-01-01,zakat-2026,10.00,GBP,d-5,,,SADAQAH\r\n"
                + "BANK-006,2026-11-05,zakat-2026\r\n");
        assertThatThrownBy(() -> importer(db).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).extracting(RowProblem::toString)
                        .containsExactly(
                                "line 3, column received_at: '2026-11-31' is neither a date (2026-11-03) nor an instant with offset (2026-11-03T10:15:00Z)",
                                "line 3, column amount: '12.345': " + tooManyDecimals(),
                                "line 3, column donor_email: not an e-mail address",
                                "line 4, column reference: 'BANK-001' is also on line 2; a reference must be unique",
                                "line 4, column campaign_id: no campaign 'nowhere'",
                                "line 5, column currency: GBP but campaign 'water' collects in USD",
                                "line 6, column received_at: 2027-01-01 is in the future",
                                "line 6, column fund_type: SADAQAH but campaign 'zakat-2026' is ZAKAT",
                                "line 7, column (row): has 3 fields, the header has 9"))
                .hasMessageContaining("IMPORT_REFUSED " + file + ": 5 bad rows (9 problems), nothing imported");
        assertThat(donations(db)).isZero();
    }

    private static String tooManyDecimals() {
        try {
            Money.of(new java.math.BigDecimal("12.345"), GBP);
            throw new AssertionError("12.345 GBP should have too many decimals");
        } catch (dev.amanah.finance.FinanceException e) {
            return e.detail();
        }
    }

    @BothDatabases
    void skip_bad_imports_the_good_rows_and_lists_the_skipped_ones(TestDatabase db) throws Exception {
        campaigns(db);
        var file = file("mixed.csv", GOOD + "BANK-004,2026-11-06,zakat-2026,-3.00,GBP,d-4,,,\r\n");
        var result = importer(db).run(file, true);
        assertThat(result.imported()).isEqualTo(3);
        assertThat(result.skipped()).extracting(RowProblem::line).containsExactly(5L);
        var report = result.skippedReport().orElseThrow();
        assertThat(report.getFileName().toString()).isEqualTo("mixed.skipped.csv");
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(report, StandardCharsets.UTF_8))) {
            assertThat(parser.getRecords()).singleElement().satisfies(r -> {
                assertThat(r.get("line")).isEqualTo("5");
                assertThat(r.get("reference")).isEqualTo("BANK-004");
                assertThat(r.get("column")).isEqualTo("amount");
                assertThat(r.get("reason")).isEqualTo("'-3.00' must be positive");
            });
        }
        assertThat(donations(db)).isEqualTo(3);
    }

    /** 10^17 USD is 10^19 cents, more than a long holds: booking it threw a raw ArithmeticException. */
    @BothDatabases
    void an_amount_beyond_the_bookable_range_is_a_bad_row_and_skip_bad_still_imports_the_good_ones(TestDatabase db)
            throws Exception {
        campaigns(db);
        var file = file("big.csv", HEADER
                + "BANK-001,2026-11-03,water,25.00,USD,d-1,,,\r\n"
                + "BANK-002,2026-11-03,water,100000000000000000.00,USD,d-2,,,\r\n");
        assertThatThrownBy(() -> importer(db).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::toString).containsExactly("line 3, column amount: '100000000000000000.00'"
                                + " is more than can be booked (at most 92233720368547758.07 USD)"));
        assertThat(donations(db)).isZero();
        var result = importer(db).run(file, true);
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.skipped()).extracting(RowProblem::line).containsExactly(3L);
        assertThat(donations(db)).isEqualTo(1);
    }

    /**
     * The API refuses such a name ({@code 422 INVALID_NAME}); imported, it was printed on receipts
     * and statements as stored. A file follows the same rule in the same words, row by row.
     */
    @BothDatabases
    void a_donor_name_the_api_would_refuse_is_a_bad_row_in_the_apis_words_and_skip_bad_imports_the_others(TestDatabase db)
            throws Exception {
        campaigns(db);
        var file = file("names.csv", HEADER
                + "BANK-001,2026-11-03,water,25.00,USD,d-1,Aisha,,\r\n"
                + "BANK-002,2026-11-03,water,30.00,USD,d-2,\"Khan,\r\nBilal\",,\r\n"
                + "BANK-003,2026-11-03,water,35.00,USD,d-3,Ali\tHasan,,\r\n"
                + "BANK-004,2026-11-03,water,40.00,USD,d-4,Omar\u0085,,\r\n"
                + "BANK-005,2026-11-03,water,45.00,USD,d-5," + "n".repeat(201) + ",,\r\n");
        var control = "must not contain control characters (such as a line break or the zero character U+0000)";
        assertThatThrownBy(() -> importer(db).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::line, RowProblem::reference, RowProblem::column, RowProblem::reason)
                        .containsExactly(tuple(4L, "BANK-002", "donor_name", control), tuple(5L, "BANK-003", "donor_name", control),
                                tuple(6L, "BANK-004", "donor_name", control),
                                tuple(7L, "BANK-005", "donor_name", "must be 1 to 200 characters")));
        assertThat(donations(db)).isZero();

        var result = importer(db).run(file, true);
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.skipped()).extracting(RowProblem::reference).containsExactly("BANK-002", "BANK-003", "BANK-004", "BANK-005");
        assertThat(db.store().donations().findByIdempotencyKey("import:BANK-001").orElseThrow().donor().name()).contains("Aisha");
        assertThat(Files.readString(dir.resolve("names.skipped.csv"))).contains("4,BANK-002,donor_name," + control);
    }

    /**
     * The importer trimmed every value as String.trim does, so a name ending in a tab or starting
     * with a control character lost it and was imported, where the API refuses it: only spaces
     * around a value are trimmed now, as by the API ({@code FreeText.trimmed}).
     */
    @BothDatabases
    void only_spaces_around_a_value_are_trimmed_a_control_character_there_is_refused_as_by_the_api(TestDatabase db)
            throws Exception {
        campaigns(db);
        var file = file("ends.csv", " reference ,received_at, campaign_id,amount,currency,donor_id,donor_name,donor_email,fund_type\r\n"
                + " BANK-001 ,2026-11-03,water, 25.00 ,USD,d-1,\"  Aisha\u3000\",,\r\n"
                + "BANK-002,2026-11-03,water,30.00,USD,d-2,\"Bilal\t\",,\r\n"
                + "BANK-003,2026-11-03,water,35.00,USD,d-3,\u0001Omar,,\r\n"
                + "BANK-004,2026-11-03,water,40.00,USD,d-4\u0000,,,\r\n");
        var control = "must not contain control characters (such as a line break or the zero character U+0000)";
        var result = importer(db).run(file, true);
        assertThat(result.skipped()).extracting(RowProblem::line, RowProblem::column, RowProblem::reason).containsExactly(
                tuple(3L, "donor_name", control), tuple(4L, "donor_name", control), tuple(5L, "donor_id", "contains a control character"));
        assertThat(result.imported()).isEqualTo(1);
        assertThat(db.store().donations().findByIdempotencyKey("import:BANK-001").orElseThrow().donor().name()).contains("Aisha");
    }

    /** The API's address rule in its words: a local part with an empty dot-separated part is no address. */
    @BothDatabases
    void an_address_with_consecutive_dots_before_the_at_is_a_bad_row(TestDatabase db) throws Exception {
        campaigns(db);
        var file = file("dots.csv", HEADER
                + "BANK-001,2026-11-03,water,25.00,USD,d-1,,aisha.ahmed@example.org,\r\n"
                + "BANK-002,2026-11-03,water,30.00,USD,d-2,,aisha..ahmed@example.org,\r\n");
        var result = importer(db).run(file, true);
        assertThat(result.imported()).isEqualTo(1);
        assertThat(result.skipped()).extracting(RowProblem::toString).containsExactly("line 3, column donor_email: not an e-mail address");
    }

    @BothDatabases
    void a_zero_character_in_a_text_column_is_a_bad_row_and_skip_bad_still_imports_the_good_ones(TestDatabase db)
            throws Exception {
        campaigns(db);
        // PostgreSQL cannot store a zero character: booked, the row failed the import's one transaction.
        var file = file("nul.csv", HEADER
                + "BANK-001,2026-11-03,water,25.00,USD,d-1,,,\r\n"
                + "BANK-002,2026-11-03,water,30.00,USD,d-2,Ai\u0000sha,,\r\n"
                + "BANK-\u00003,2026-11-03,water,35.00,USD,d-\u00003,,,\r\n");
        assertThatThrownBy(() -> importer(db).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::line, RowProblem::column)
                        .containsExactly(tuple(3L, "donor_name"), tuple(4L, "reference"), tuple(4L, "donor_id")));
        var result = importer(db).run(file, true);
        assertThat(result.imported()).isEqualTo(1);
        assertThat(donations(db)).isEqualTo(1);
    }

    /** The API refuses a donation above donations.maxAmount; the importer booked it. */
    @BothDatabases
    void an_amount_above_the_largest_donation_is_a_bad_row_as_through_the_api(TestDatabase db) throws Exception {
        campaigns(db);
        var file = file("large.csv", HEADER
                + "BANK-001,2026-11-03,water,100000.00,USD,d-1,,,\r\n"
                + "BANK-002,2026-11-03,water,100000.01,USD,d-2,,,\r\n");
        assertThatThrownBy(() -> importer(db).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::toString).containsExactly("line 3, column amount: '100000.01'"
                                + " is more than the largest donation, 100000 USD (donations.maxAmount)"));
        assertThat(donations(db)).isZero();
    }

    /**
     * Two rows of 5·10^16 USD, each within a long of cents, made 10^19 cents together: the import
     * went through, then every read of the campaign's totals and balance failed (SQLite: integer
     * overflow; PostgreSQL: bad value for type long).
     */
    @BothDatabases
    void rows_that_together_would_take_a_campaign_past_a_long_are_bad_rows_and_the_campaign_stays_readable(TestDatabase db)
            throws Exception {
        campaigns(db);
        var half = "50000000000000000.00";
        var file = file("sum.csv", HEADER
                + "BANK-001,2026-11-03,water," + half + ",USD,d-1,,,\r\n"
                + "BANK-002,2026-11-03,water," + half + ",USD,d-2,,,\r\n"
                + "BANK-003,2026-11-03,water,25.00,USD,d-3,,,\r\n");
        var unlimited = new BigDecimal("1000000000000000000");
        assertThatThrownBy(() -> importer(db, unlimited).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::toString).containsExactly("line 3, column amount: would take the donations"
                                + " to campaign 'water' to 100000000000000000.00 USD, more than can be booked"
                                + " (at most 92233720368547758.07 USD)"));
        assertThat(donations(db)).isZero();

        var result = importer(db, unlimited).run(file, true);
        assertThat(result.imported()).isEqualTo(2);
        assertThat(result.skipped()).extracting(RowProblem::line).containsExactly(3L);
        assertThat(db.store().donations().totals("water").raised()).isEqualTo(Money.of("50000000000000025.00", "USD"));
        assertThat(db.store().ledger().creditBalance(Account.campaign("water"), USD)).isEqualTo(Money.of("50000000000000025.00", "USD"));
        assertThat(db.store().ledger().balances()).isNotEmpty();

        // A later file is measured against what is already booked.
        var later = file("later.csv", HEADER + "BANK-004,2026-11-04,water," + half + ",USD,d-4,,,\r\n");
        assertThatThrownBy(() -> importer(db, unlimited).run(later, false)).isInstanceOf(ImportRefusedException.class);
        assertThat(donations(db)).isEqualTo(2);
    }

    /** The import clearing account sums every campaign's imports in a currency. */
    @BothDatabases
    void rows_that_together_would_take_the_import_clearing_account_past_a_long_are_bad_rows(TestDatabase db) throws Exception {
        campaigns(db);
        db.store().campaigns().create(new NewCampaign("school", "School", FundType.SADAQAH, Money.of("20000.00", "USD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        var half = "50000000000000000.00";
        var file = file("two.csv", HEADER
                + "BANK-001,2026-11-03,water," + half + ",USD,d-1,,,\r\n"
                + "BANK-002,2026-11-03,school," + half + ",USD,d-2,,,\r\n");
        assertThatThrownBy(() -> importer(db, new BigDecimal("1000000000000000000")).run(file, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(RowProblem::toString).containsExactly("line 3, column amount: would take the 'import'"
                                + " clearing account to 100000000000000000.00 USD, more than can be booked"
                                + " (at most 92233720368547758.07 USD)"));
        assertThat(donations(db)).isZero();
    }

    @BothDatabases
    void a_failure_while_booking_rolls_back_every_row(TestDatabase db) throws Exception {
        campaigns(db);
        // The third row's donation id is taken by a donation under another key: booking it fails
        // after the first two rows were written in the same transaction.
        db.store().donations().create(new dev.amanah.donations.store.NewDonation(DonationImporter.donationId("import:BANK-003"),
                "api-key", "water", dev.amanah.donations.store.Donor.of("x", null, null), Money.of("1.00", "USD")));
        assertThatThrownBy(() -> importer(db).run(file("donations.csv", GOOD), false))
                .isInstanceOfSatisfying(dev.amanah.donations.store.StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.amanah.donations.store.StoreException.Code.DUPLICATE));
        assertThat(donations(db)).isEqualTo(1);
        assertThat(db.store().ledger().balances()).isEmpty();
    }

    @BothDatabases
    void a_reference_imported_before_with_other_content_is_a_bad_row(TestDatabase db) throws Exception {
        campaigns(db);
        importer(db).run(file("first.csv", GOOD), false);
        var changed = file("second.csv", HEADER + "BANK-001,2026-11-03,zakat-2026,26.00,GBP,d-1,,,\r\n");
        assertThatThrownBy(() -> importer(db).run(changed, false))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.toString()).startsWith("line 2, column reference: 'BANK-001' was imported before")));
        assertThat(donations(db)).isEqualTo(3);
    }
}
