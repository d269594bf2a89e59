package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Sleeper;
import dev.amanah.donations.rates.RateFetcher;
import dev.amanah.donations.rates.RatesFile;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's all-or-nothing rule: a failed, late or rate-less section fails the report, naming it. */
@InProcess.Tests
class ReportGeneratorTest {
    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final Currency GBP = Currency.getInstance("GBP");

    private TaskSupervisor tasks;

    @BeforeEach
    void start() {
        tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
    }

    @AfterEach
    void stop() {
        tasks.stop();
    }

    /** A source with fixed sections; tests override the one that misbehaves. */
    private static class FixedSource implements ReportSource {
        final List<Section.FundLine> lines;

        FixedSource(List<Section.FundLine> lines) {
            this.lines = lines;
        }

        @Override
        public Section.Totals totals(ReportScope scope, YearMonth month) {
            return new Section.Totals(lines);
        }

        @Override
        public Section.Donors donors(ReportScope scope, YearMonth month) {
            return new Section.Donors(0, 0, 0, 0);
        }

        @Override
        public Section.Refunds refunds(ReportScope scope, YearMonth month) {
            return new Section.Refunds(List.of());
        }

        @Override
        public Section.Distributions distributions(ReportScope scope, YearMonth month) {
            return new Section.Distributions(List.of(), List.of(), "none");
        }

        @Override
        public Section.Ledger ledger(ReportScope scope, YearMonth month) {
            return new Section.Ledger(List.of(), List.of());
        }

        @Override
        public String title(ReportScope scope) {
            return "Test";
        }
    }

    private ReportGenerator generator(ReportSource source) {
        return generator(source, Clock.systemUTC());
    }

    private ReportGenerator generator(ReportSource source, Clock clock) {
        return new ReportGenerator(source, tasks, new RateFetcher(RatesFile.bundled(), tasks, RetryPolicy.DEFAULT, Sleeper.PROCESS),
                GBP, clock);
    }

    private static Section.FundLine line(String amount, String currency) {
        var money = Money.of(amount, currency);
        return new Section.FundLine(FundType.SADAQAH, 1, money, Money.zero(money.currency()), Money.zero(money.currency()), money);
    }

    @Test
    void sections_run_at_the_same_time() throws InterruptedException {
        // Each section waits until all five have started: sequential sections would never finish.
        var started = new CountDownLatch(5);
        var source = new FixedSource(List.of()) {
            private <T> T together(T value) {
                started.countDown();
                try {
                    if (!started.await(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the sections did not run concurrently");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return value;
            }

            @Override
            public Section.Totals totals(ReportScope scope, YearMonth month) {
                return together(super.totals(scope, month));
            }

            @Override
            public Section.Donors donors(ReportScope scope, YearMonth month) {
                return together(super.donors(scope, month));
            }

            @Override
            public Section.Refunds refunds(ReportScope scope, YearMonth month) {
                return together(super.refunds(scope, month));
            }

            @Override
            public Section.Distributions distributions(ReportScope scope, YearMonth month) {
                return together(super.distributions(scope, month));
            }

            @Override
            public Section.Ledger ledger(ReportScope scope, YearMonth month) {
                return together(super.ledger(scope, month));
            }
        };
        var report = generator(source).generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(10));
        assertThat(report.reportingTotal().orElseThrow().total()).isEqualTo(Money.zero(GBP));
    }

    @Test
    void a_month_not_yet_over_converts_at_todays_rates_and_a_past_month_at_its_last_days() {
        // On 7 December no rate of 31 December exists anywhere yet: asking for it failed every
        // organisation report of the month in progress that held a second currency.
        var seventhOfDecember = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
        var source = new FixedSource(List.of(line("10.00", "EUR")));
        var eur = Currency.getInstance("EUR");

        var inProgress = generator(source, seventhOfDecember)
                .generate(ReportScope.organisation(), YearMonth.of(2026, 12), Duration.ofSeconds(10));
        var over = generator(source, seventhOfDecember)
                .generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(10));

        assertThat(inProgress.reportingTotal().orElseThrow().conversions().getFirst().rate())
                .isEqualTo(RatesFile.bundled().rate(eur, GBP, LocalDate.of(2026, 12, 7)));
        assertThat(over.reportingTotal().orElseThrow().conversions().getFirst().rate())
                .isEqualTo(RatesFile.bundled().rate(eur, GBP, MONTH.atEndOfMonth()));
    }

    @Test
    void a_month_not_yet_over_says_its_ledger_is_as_of_today_and_a_past_month_at_its_end(@TempDir Path out) throws IOException {
        // On 7 December December's ledger holds what was posted so far: "at the month's end" claimed
        // balances of 31 December that nobody has yet.
        var seventhOfDecember = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
        var source = new FixedSource(List.of(line("10.00", "GBP")));

        var inProgress = pdfText(generator(source, seventhOfDecember)
                .generate(ReportScope.organisation(), YearMonth.of(2026, 12), Duration.ofSeconds(10)), out.resolve("december.pdf"));
        var over = pdfText(generator(source, seventhOfDecember)
                .generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(10)), out.resolve("november.pdf"));

        assertThat(inProgress).contains("all debits equal all credits so far, as of 2026-12-07.",
                "Ledger trial balance so far, as of 2026-12-07", "Ledger balances so far, as of 2026-12-07",
                "Each refund's status as of 2026-12-07").doesNotContain("month's end");
        assertThat(over).contains("all debits equal all credits at the month's end.", "Ledger trial balance at the month's end",
                "Ledger balances at the month's end", "Each refund's status at the month's end").doesNotContain("so far");
    }

    private static String pdfText(MonthlyReport report, Path pdf) throws IOException {
        PdfReportWriter.write(report, pdf);
        try (var document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void a_month_not_yet_over_takes_today_in_the_clocks_zone() {
        // 3 December 02:00 UTC is still 2 December in New York, so the 3rd's rates are not today's
        // there: the last publication by the 2nd is the bundled file's of 30 November.
        var secondOfDecemberInNewYork = Clock.fixed(Instant.parse("2026-12-03T02:00:00Z"), ZoneId.of("America/New_York"));
        var report = generator(new FixedSource(List.of(line("10.00", "EUR"))), secondOfDecemberInNewYork)
                .generate(ReportScope.organisation(), YearMonth.of(2026, 12), Duration.ofSeconds(10));

        assertThat(report.reportingTotal().orElseThrow().conversions().getFirst().rate())
                .isEqualTo(RatesFile.bundled().rate(Currency.getInstance("EUR"), GBP, LocalDate.of(2026, 11, 30)));
    }

    @Test
    void a_crashing_section_fails_the_report_naming_it() {
        var source = new FixedSource(List.of()) {
            @Override
            public Section.Donors donors(ReportScope scope, YearMonth month) {
                throw new IllegalStateException("donor query broke");
            }
        };
        assertThatThrownBy(() -> generator(source).generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.section()).isEqualTo("donors"))
                .hasMessageContaining("REPORT_SECTION_FAILED section 'donors'").hasMessageContaining("donor query broke");
    }

    @Test
    void a_section_still_running_at_the_one_timeout_fails_the_report_naming_it() {
        var source = new FixedSource(List.of()) {
            @Override
            public Section.Ledger ledger(ReportScope scope, YearMonth month) {
                Processes.receive();   // nothing is ever sent: runs until killed at the deadline
                return super.ledger(scope, month);
            }
        };
        // The other sections must finish within the deadline, on a loaded machine too (CI, two cores).
        assertThatThrownBy(() -> generator(source).generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.section()).isEqualTo("ledger"))
                .hasMessageContaining("did not finish within 2000 ms");
    }

    @Test
    void a_currency_without_a_rate_fails_the_report_instead_of_leaving_it_out() {
        var source = new FixedSource(List.of(line("10.00", "GBP"), line("5.000", "KWD"), line("7.00", "USD")));
        assertThatThrownBy(() -> generator(source).generate(ReportScope.organisation(), MONTH, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.section()).isEqualTo("reporting total"))
                .hasMessageContaining("KWD->GBP on 2026-11-30").hasMessageNotContaining("USD->GBP");
    }
}
