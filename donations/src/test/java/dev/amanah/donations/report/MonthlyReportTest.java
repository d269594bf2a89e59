package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Sleeper;
import dev.amanah.donations.rates.RateFetcher;
import dev.amanah.donations.rates.RatesFile;
import dev.amanah.donations.rates.ReferenceRates;
import dev.amanah.donations.store.AccountBalance;
import dev.amanah.donations.store.BothDatabases;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.TestDatabase;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.task.TaskSupervisor;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.io.TempDir;

/** Monthly reports from real stores on both databases, written to PDF and CSV and read back. */
class MonthlyReportTest {
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path out;

    private static MonthlyReport generate(TestDatabase db, ReportScope scope) {
        return generate(db, scope, NOVEMBER);
    }

    private static MonthlyReport generate(TestDatabase db, ReportScope scope, YearMonth month) {
        var tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        try {
            var fetcher = new RateFetcher(RatesFile.bundled(), tasks, RetryPolicy.DEFAULT, Sleeper.PROCESS);
            var generator = new ReportGenerator(new DatabaseReportSource(db.store(), ZoneOffset.UTC), tasks, fetcher, GBP,
                    Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), ZoneOffset.UTC));
            return generator.generate(scope, month, Duration.ofSeconds(30));
        } finally {
            tasks.stop();
        }
    }

    @BothDatabases
    void the_organisation_report_has_every_section_exact_and_a_converted_total(TestDatabase db) throws IOException {
        new MonthFixtures(db).november();
        var report = generate(db, ReportScope.organisation());

        assertThat(report.totals().lines()).containsExactly(
                new Section.FundLine(FundType.ZAKAT, 2, Money.of("125.00", "GBP"), Money.of("5.00", "GBP"), Money.of("0.00", "GBP"),
                        Money.of("120.00", "GBP")),
                new Section.FundLine(FundType.SADAQAH, 1, Money.of("40.00", "USD"), Money.of("0.00", "USD"), Money.of("0.00", "USD"),
                        Money.of("40.00", "USD")));
        assertThat(report.donors()).isEqualTo(new Section.Donors(3, 2, 1, 3));
        assertThat(report.refunds().lines()).containsExactly(new Section.RefundLine(RefundStatus.POSTED, 1, Money.of("5.00", "GBP")));
        assertThat(report.distributions().lines()).containsExactly(
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")));
        assertThat(report.ledger().balanced()).isTrue();
        // GBP at November's end: 10 + 25 + 100 donated, 5 refunded, 30 paid out (December's 1.00 excluded).
        assertThat(report.ledger().trial()).extracting(Section.TrialLine::debits)
                .containsExactly(Money.of("175.00", "GBP"), Money.of("40.00", "USD"));

        var rate = new BigDecimal("0.8329").divide(new BigDecimal("1.0567"), new MathContext(ReferenceRates.CROSS_RATE_DIGITS, RoundingMode.HALF_EVEN));
        var usdInGbp = new BigDecimal("40.00").multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
        var total = report.reportingTotal().orElseThrow();
        assertThat(total.conversions()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(Money.of("40.00", "USD"));
            assertThat(c.rate().source()).contains("2026-11-30");
            assertThat(c.result()).isEqualTo(Money.of(usdInGbp, GBP));
        });
        assertThat(total.total()).isEqualTo(Money.of(new BigDecimal("120.00").add(usdInGbp), GBP));

        var pdf = out.resolve("report.pdf");
        PdfReportWriter.write(report, pdf);
        String text;
        try (var document = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("November 2026", "Organisation: All campaigns", "Ledger balanced",
                "Donations by fund and currency", "ZAKAT GBP 2 125.00 5.00 0.00 120.00", "SADAQAH USD 1 40.00 0.00 0.00 40.00",
                "Distinct donors 3", "New donors 2", "Returning donors 1", "POSTED GBP 1 5.00", "POOR PAID GBP 1 30.00",
                "Net donations in GBP", "TOTAL " + total.total().amount().toPlainString(), "of 2026-11-30",
                "recipient category");

        var files = CsvReportWriter.write(report, out);
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("2026-11-organisation-totals.csv",
                "2026-11-organisation-reporting-total.csv");
        var totalsCsv = Files.readString(out.resolve("2026-11-organisation-totals.csv"), StandardCharsets.UTF_8);
        assertThat(totalsCsv).contains("\r\n");
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(totalsCsv))) {
            assertThat(parser.getHeaderNames()).containsExactly("Fund", "Currency", "Donations", "Gross", "Refunds requested", "Refunds voided", "Net");
            assertThat(parser.getRecords()).extracting(r -> r.toList()).containsExactly(
                    List.of("ZAKAT", "GBP", "2", "125.00", "5.00", "0.00", "120.00"),
                    List.of("SADAQAH", "USD", "1", "40.00", "0.00", "0.00", "40.00"));
        }
    }

    @BothDatabases
    void a_campaign_report_covers_only_its_campaign(TestDatabase db) {
        new MonthFixtures(db).november();
        var report = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT));
        assertThat(report.title()).isEqualTo("Zakat 2026");
        assertThat(report.totals().lines()).extracting(Section.FundLine::net).containsExactly(Money.of("120.00", "GBP"));
        assertThat(report.donors()).isEqualTo(new Section.Donors(2, 1, 1, 2));
        assertThat(report.distributions().lines()).containsExactly(
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")));
        assertThat(report.ledger().balances()).singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualTo(Money.of("-130.00", "GBP")));
        assertThat(report.reportingTotal()).isEmpty();
    }

    /**
     * A campaign named in Urdu prints every letter: the report's PDF set such text in one fallback
     * face for the whole line, DejaVu Sans, which has no heh goal (\u06C1) or yeh barree
     * (\u06D2), so they printed as '?'; it now draws a line in runs, as receipts do.
     */
    @BothDatabases
    void a_campaign_named_in_urdu_prints_every_letter_in_the_pdf(TestDatabase db) throws IOException {
        new MonthFixtures(db).november();
        var report = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT));
        var urdu = "\u0634\u06C1\u0631 \u06A9\u06D2 \u0644\u06CC\u06D2 \u0632\u06A9\u0648\u0670\u06C3"; // شہر کے لیے زکوٰۃ
        var named = new MonthlyReport(report.scope(), urdu, report.month(), report.generatedAt(), report.asOf(), report.totals(), report.donors(),
                report.refunds(), report.distributions(), report.ledger(), report.reportingTotal());

        var pdf = out.resolve("urdu.pdf");
        PdfReportWriter.write(named, pdf);
        String text;
        try (var document = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).doesNotContain("?");
        assertThat(Normalizer.normalize(text, Normalizer.Form.NFKC)).contains("\u06C1", "\u06D2");
    }

    /**
     * A campaign named in Bengali, Hindi and Thai prints in those letters and reads back as typed:
     * no bundled face had those scripts, so the report printed a '?' a letter.
     */
    @BothDatabases
    void a_campaign_named_in_bengali_hindi_and_thai_prints_in_their_letters_in_the_pdf(TestDatabase db) throws IOException {
        new MonthFixtures(db).november();
        var report = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT));
        var name = "যাকাত কর্মসূচি ज़कात कार्यक्रम ซะกาต";
        var named = new MonthlyReport(report.scope(), name, report.month(), report.generatedAt(), report.asOf(), report.totals(), report.donors(),
                report.refunds(), report.distributions(), report.ledger(), report.reportingTotal());

        var pdf = out.resolve("indic.pdf");
        PdfReportWriter.write(named, pdf);
        String text;
        try (var document = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).doesNotContain("?").contains(Normalizer.normalize(name, Normalizer.Form.NFC));
    }

    /**
     * A cancelled payout's money goes back to the campaign when it is cancelled: the report puts it
     * in the month of that ledger posting, as it puts a paid one in the month it was paid. It was
     * put in the month the payout was created, so November showed 10.00 GBP cancelled that the
     * ledger still held in the recipient's payable at November's end, and December, the month the
     * campaign got it back, showed nothing.
     */
    @BothDatabases
    void a_cancelled_payout_is_in_the_month_its_money_went_back_to_the_campaign(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovemberCancelledInDecember();

        var november = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT));
        // declined, not yet cancelled, at November's end
        assertThat(november.distributions().lines()).containsExactly(
                new Section.DistributionLine("NEEDY", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP")),
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")));
        // 130.00 given net of refunds, 10.00 of it moved to r2's payable on 24 November
        assertThat(november.ledger().balances()).singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualTo(Money.of("-120.00", "GBP")));

        var december = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT), NOVEMBER.plusMonths(1));
        assertThat(december.distributions().lines()).containsExactly(
                new Section.DistributionLine("NEEDY", PayoutStatus.CANCELLED, 1, Money.of("10.00", "GBP")));
        // Dawud's 1.00 and the cancelled 10.00 back
        assertThat(december.ledger().balances()).singleElement()
                .satisfies(b -> assertThat(b.balance()).isEqualTo(Money.of("-131.00", "GBP")));
        assertThat(generate(db, ReportScope.organisation(), NOVEMBER.plusMonths(1)).distributions().lines()).containsExactly(
                new Section.DistributionLine("NEEDY", PayoutStatus.CANCELLED, 1, Money.of("10.00", "GBP")));
    }

    /**
     * A refund's release takes the money out of the campaign in the month it is requested, and a
     * voided refund's reversal gives it back in the month the gateway refused it: each month's net
     * is what the campaign's ledger account gained in that month. A voided refund was counted in
     * no month at all, so November's net was 10.00 GBP more than the ledger's (7.00 voided in
     * November, 3.00 still held at November's end) and December's 3.00 less.
     */
    @BothDatabases
    void a_voided_refund_is_in_the_months_of_its_release_and_of_its_reversal(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.refundsVoidedInNovemberAndInDecember();
        var zakat = ReportScope.campaign(MonthFixtures.ZAKAT);
        var october = generate(db, zakat, NOVEMBER.minusMonths(1));
        var november = generate(db, zakat);
        var december = generate(db, zakat, NOVEMBER.plusMonths(1));

        // 125.00 given; 5.00 + 7.00 + 3.00 released to refunds payable, 7.00 of it given back
        assertThat(november.totals().lines()).containsExactly(new Section.FundLine(FundType.ZAKAT, 2, Money.of("125.00", "GBP"),
                Money.of("15.00", "GBP"), Money.of("7.00", "GBP"), Money.of("117.00", "GBP")));
        // Dawud's 1.00 and Aisha's voided 3.00 given back
        assertThat(december.totals().lines()).containsExactly(new Section.FundLine(FundType.ZAKAT, 1, Money.of("1.00", "GBP"),
                Money.of("0.00", "GBP"), Money.of("3.00", "GBP"), Money.of("4.00", "GBP")));
        assertThat(net(november)).isEqualTo(held(november).minus(held(october)));
        assertThat(net(december)).isEqualTo(held(december).minus(held(november)));
    }

    /**
     * The totals' refund column is the refunds requested in the month, whatever became of them, and
     * says so: headed "Refunded", it read as the refunds paid out, so a row of 15.00 refunded and
     * 7.00 voided beside a refunds table of 5.00 posted looked double-counted. Requested, not posted,
     * because a refund's release leaves the campaign when it is requested: counting only the posted
     * would break net = what the campaign's ledger account gained in the month.
     */
    @BothDatabases
    void the_totals_refund_column_is_headed_and_defined_as_the_refunds_requested(TestDatabase db) throws IOException {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.refundsVoidedInNovemberAndInDecember();
        var november = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT));

        CsvReportWriter.write(november, out);
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(out.resolve("2026-11-campaign-zakat-2026-totals.csv"), StandardCharsets.UTF_8))) {
            assertThat(parser.getHeaderNames()).containsExactly("Fund", "Currency", "Donations", "Gross", "Refunds requested",
                    "Refunds voided", "Net");
            assertThat(parser.getRecords()).extracting(r -> r.toList())
                    .containsExactly(List.of("ZAKAT", "GBP", "2", "125.00", "15.00", "7.00", "117.00"));
        }
        // The refunds table of the month adds up to the column: 5.00 posted, 7.00 voided, 3.00 pending.
        assertThat(november.refunds().lines().stream().map(Section.RefundLine::total).reduce(Money::plus).orElseThrow())
                .isEqualTo(Money.of("15.00", "GBP"));
        var pdf = out.resolve("november.pdf");
        PdfReportWriter.write(november, pdf);
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " "))
                    .contains("Refunds requested: every refund asked for in the month, whether posted, pending or voided since",
                            "Net = gross - refunds requested + refunds voided");
        }
    }

    /**
     * The refunds section shows each refund requested in the month as it stood at the month's end,
     * as the ledger does then: one resolved later is still pending in that month's report. It
     * showed the refund's status of the day the report was run, so November's report, run after
     * December's void, called VOIDED the 3.00 GBP the ledger held in refunds payable at November's
     * end, and a month that was over changed its figures.
     */
    @BothDatabases
    void the_refunds_section_shows_each_refund_as_it_stood_at_the_months_end(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.refundsVoidedInNovemberAndInDecember();

        var november = generate(db, ReportScope.organisation());
        assertThat(november.refunds().lines()).containsExactly(
                new Section.RefundLine(RefundStatus.PENDING, 1, Money.of("3.00", "GBP")),
                new Section.RefundLine(RefundStatus.POSTED, 1, Money.of("5.00", "GBP")),
                new Section.RefundLine(RefundStatus.VOIDED, 1, Money.of("7.00", "GBP")));
        assertThat(november.ledger().balances()).filteredOn(b -> b.account().equals(Account.refundsPayable()))
                .singleElement().satisfies(b -> assertThat(b.balance()).isEqualTo(Money.of("-3.00", "GBP")));
    }

    /**
     * The distributions section shows each payout as it stood at the month's end, as the ledger
     * does then: one declined in November and cancelled in December is DECLINED in November's
     * report, its 10.00 GBP still in r2's payable, and one pending at November's end and paid in
     * December is PENDING there, its 20.00 GBP in r3's payable. The section showed each payout
     * with its status of the day the report was run and dropped an open one once it was paid or
     * cancelled, so November's report run in December lost the 30.00 GBP the ledger still owed.
     */
    @BothDatabases
    void the_distributions_section_shows_each_payout_as_it_stood_at_the_months_end(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovember();
        fixtures.pendingAtNovembersEnd();
        fixtures.cancelledInDecember();
        fixtures.paidInDecember();

        var november = generate(db, ReportScope.organisation());
        assertThat(november.distributions().lines()).containsExactly(
                new Section.DistributionLine("DEBTORS", PayoutStatus.PENDING, 1, Money.of("20.00", "GBP")),
                new Section.DistributionLine("NEEDY", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP")),
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")));
        assertThat(payable(november, "r2")).isEqualTo(Money.of("-10.00", "GBP"));
        assertThat(payable(november, "r3")).isEqualTo(Money.of("-20.00", "GBP"));

        var december = generate(db, ReportScope.organisation(), NOVEMBER.plusMonths(1));
        assertThat(december.distributions().lines()).containsExactly(
                new Section.DistributionLine("DEBTORS", PayoutStatus.PAID, 1, Money.of("20.00", "GBP")),
                new Section.DistributionLine("NEEDY", PayoutStatus.CANCELLED, 1, Money.of("10.00", "GBP")));
    }

    /**
     * A payout still open at a month's end is outstanding in that month's report whichever month
     * it was created in: the ledger holds its money in the recipient's payable until it is paid or
     * cancelled. An open payout was shown only in the month it was created, so December's report
     * did not show the 20.00 GBP (run 27 November, still unpaid) and the 10.00 GBP (declined
     * 25 November) that r3's and r2's payables still held at December's end.
     */
    @BothDatabases
    void a_payout_open_at_a_months_end_is_outstanding_then_whichever_month_it_was_created_in(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovember();
        fixtures.pendingAtNovembersEnd();

        var december = generate(db, ReportScope.organisation(), NOVEMBER.plusMonths(1));
        assertThat(december.distributions().lines()).containsExactly(
                new Section.DistributionLine("DEBTORS", PayoutStatus.PENDING, 1, Money.of("20.00", "GBP")),
                new Section.DistributionLine("NEEDY", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP")));
        assertThat(payable(december, "r2")).isEqualTo(Money.of("-10.00", "GBP"));
        assertThat(payable(december, "r3")).isEqualTo(Money.of("-20.00", "GBP"));
    }

    /**
     * A payout is owed from the moment the ledger moves its money into the recipient's payable
     * (the plan's funding), not from the payout row's own time. A run across November's last
     * midnight, as stored before a run read the clock once, had its funding posted in November and
     * its payout stamped 1 December: November's report showed nothing owed though the ledger held
     * 20.00 GBP in r5's payable at November's end.
     */
    @BothDatabases
    void a_payout_is_outstanding_from_the_posting_of_its_plans_funding(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.runAcrossNovembersEnd();

        var november = generate(db, ReportScope.organisation());
        assertThat(payable(november, "r5")).as("funded in November").isEqualTo(Money.of("-20.00", "GBP"));
        assertThat(db.store().payouts().get("p-5").createdAt()).as("payout written in December")
                .isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(november.distributions().lines()).containsExactly(
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")),
                new Section.DistributionLine("POOR", PayoutStatus.PENDING, 1, Money.of("20.00", "GBP")));
    }

    /**
     * What a finance officer reconciling the recipients' payables needs, per currency: what was
     * owed at the month's start, what plans run in the month moved in, what was paid and what was
     * cancelled back to the campaigns, and what was owed at its end, each month's start the
     * previous month's end and its end what the ledger's payables hold. November: 60.00 GBP moved in
     * (p-1's 30.00, p-2's 10.00, p-3's 20.00), 30.00 paid; December: p-3 paid, p-2 cancelled.
     */
    @BothDatabases
    void the_distributions_section_rolls_what_is_owed_to_recipients_forward_month_by_month(TestDatabase db) throws IOException {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovember();
        fixtures.pendingAtNovembersEnd();
        fixtures.cancelledInDecember();
        fixtures.paidInDecember();

        var november = generate(db, ReportScope.organisation());
        assertThat(november.distributions().payables()).containsExactly(new Section.PayableLine(Money.of("0.00", "GBP"),
                Money.of("60.00", "GBP"), Money.of("30.00", "GBP"), Money.of("0.00", "GBP"), Money.of("30.00", "GBP")));
        assertThat(payable(november, "r2").plus(payable(november, "r3"))).isEqualTo(Money.of("-30.00", "GBP"));
        var december = generate(db, ReportScope.campaign(MonthFixtures.ZAKAT), NOVEMBER.plusMonths(1));
        assertThat(december.distributions().payables()).containsExactly(new Section.PayableLine(Money.of("30.00", "GBP"),
                Money.of("0.00", "GBP"), Money.of("20.00", "GBP"), Money.of("10.00", "GBP"), Money.of("0.00", "GBP")));

        var pdf = out.resolve("november.pdf");
        PdfReportWriter.write(november, pdf);
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Owed to recipients", "GBP 0.00 60.00 30.00 0.00 30.00");
        }
        CsvReportWriter.write(november, out);
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(out.resolve("2026-11-organisation-payables.csv"), StandardCharsets.UTF_8))) {
            assertThat(parser.getHeaderNames()).containsExactly("Currency", "Owed at start", "Moved in", "Paid", "Cancelled",
                    "Owed at end");
            assertThat(parser.getRecords()).extracting(r -> r.toList())
                    .containsExactly(List.of("GBP", "0.00", "60.00", "30.00", "0.00", "30.00"));
        }
    }

    /**
     * The administrators' lines of a zakat plan are booked to the administrators' share, not to a
     * recipient's payable: what their unpaid payouts owe at a month's end is what that account
     * holds, as the README says.
     */
    @BothDatabases
    void what_the_administrators_are_owed_is_what_their_share_holds_at_the_months_end(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.administratorsUnpaidAtNovembersEnd();

        var november = generate(db, ReportScope.organisation());
        assertThat(november.distributions().lines()).contains(
                new Section.DistributionLine("ADMINISTRATORS", PayoutStatus.PENDING, 1, Money.of("8.00", "GBP")));
        assertThat(november.distributions().payables()).singleElement()
                .satisfies(l -> assertThat(l.owedAtEnd()).isEqualTo(Money.of("8.00", "GBP")));
        assertThat(november.ledger().balances()).filteredOn(b -> b.account().equals(Account.administratorsShare()))
                .singleElement().satisfies(b -> assertThat(b.balance()).isEqualTo(Money.of("-8.00", "GBP")));
    }

    /**
     * A payout declined in November is DECLINED in November's report whatever became of it later:
     * reissued, declined again and reissued again in December. Each decline is kept with its time
     * and the time it was reissued; the section showed the payout's status of the day the report
     * was run (FAILED).
     */
    @BothDatabases
    void a_payout_declined_and_later_reissued_is_declined_at_the_end_of_the_month_of_its_decline(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovember();
        fixtures.reissuedAndDeclinedAgainInDecember();

        assertThat(generate(db, ReportScope.campaign(MonthFixtures.ZAKAT)).distributions().lines()).containsExactly(
                new Section.DistributionLine("NEEDY", PayoutStatus.DECLINED, 1, Money.of("10.00", "GBP")),
                new Section.DistributionLine("POOR", PayoutStatus.PAID, 1, Money.of("30.00", "GBP")));
    }

    /**
     * The README's promise: a month that is over reads the same whenever its report is run. Every
     * section of November's report run at November's end is the same as run after December's
     * payments, cancellation, reissue, declines and refund voids; and December's, with payouts
     * declined and pending at its end, is the same as run after January paid them.
     */
    @BothDatabases
    void a_past_months_sections_do_not_change_when_it_is_run_later(TestDatabase db) {
        var fixtures = new MonthFixtures(db);
        fixtures.november();
        fixtures.declinedInNovember();
        fixtures.pendingAtNovembersEnd();
        fixtures.requestRefund("2026-11-28T10:00:00Z", "r-aisha-void", "d-aisha-nov", MonthFixtures.ZAKAT, "3.00", "GBP");
        var before = generate(db, ReportScope.organisation());

        fixtures.cancelledInDecember();
        fixtures.paidInDecember();
        fixtures.voidRefund("2026-12-02T10:00:00Z", "r-aisha-void");
        fixtures.execute("2026-12-05T10:00:00Z", "plan-4", "p-4", "r4", ZakatCategory.POOR, "5.00");
        fixtures.decline("2026-12-20T10:00:00Z", "plan-4", "p-4");
        fixtures.execute("2026-12-31T23:00:00Z", "plan-6", "p-6", "r6", ZakatCategory.NEEDY, "7.00");
        assertSameSections(generate(db, ReportScope.organisation()), before);

        // December over, p-4 declined and p-6 pending at its end: January settles both.
        var december = generate(db, ReportScope.organisation(), NOVEMBER.plusMonths(1));
        fixtures.pay("2027-01-01T00:00:00Z", "p-6", "r6", "7.00");
        fixtures.reissue("2027-01-02T10:00:00Z", "plan-4", "p-4");
        fixtures.pay("2027-01-03T10:00:00Z", "p-4", "r4", "5.00");
        assertSameSections(generate(db, ReportScope.organisation(), NOVEMBER.plusMonths(1)), december);
    }

    private static void assertSameSections(MonthlyReport after, MonthlyReport before) {
        assertThat(after.totals()).isEqualTo(before.totals());
        assertThat(after.donors()).isEqualTo(before.donors());
        assertThat(after.refunds()).isEqualTo(before.refunds());
        assertThat(after.distributions()).isEqualTo(before.distributions());
        assertThat(after.ledger()).isEqualTo(before.ledger());
        assertThat(after.reportingTotal()).isEqualTo(before.reportingTotal());
    }

    /** What the ledger holds in {@code recipient}'s payable at the report's month's end (a credit balance is negative). */
    private static Money payable(MonthlyReport report, String recipient) {
        return report.ledger().balances().stream()
                .filter(b -> b.account().equals(new Account(AccountType.RECIPIENT_PAYABLE, recipient)))
                .map(AccountBalance::balance).findFirst().orElseThrow();
    }

    private static Money net(MonthlyReport report) {
        return report.totals().lines().stream().map(Section.FundLine::net).reduce(Money::plus).orElseThrow();
    }

    /** What the report's one campaign account holds at the month's end (its credit balance). */
    private static Money held(MonthlyReport report) {
        return report.ledger().balances().getFirst().balance().negate();
    }

    @BothDatabases
    void a_ledger_that_does_not_balance_is_reported_loudly(TestDatabase db) throws Exception {
        new MonthFixtures(db).november();
        // A stray entry written around the store (the append-only triggers stop updates and deletes, not inserts).
        try (var c = db.store().database().dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ledger_entries (transaction_id, line, account_type, account_id, side, amount_minor, currency)"
                    + " VALUES (1, 99, 'CAMPAIGN', 'zakat-2026', 'CREDIT', 500, 'GBP')");
        }
        var report = generate(db, ReportScope.organisation());
        assertThat(report.ledger().balanced()).isFalse();
        var pdf = out.resolve("unbalanced.pdf");
        PdfReportWriter.write(report, pdf);
        try (var document = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(document))
                    .contains("WARNING: THE LEDGER DOES NOT BALANCE", "GBP: debits 175.00, credits 180.00, off by -5.00",
                            "GBP 175.00 180.00 -5.00 UNBALANCED");
        }
    }
}
