package dev.amanah.examples.tasks;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.tasks.AsyncGenerator.AllReports;
import dev.amanah.examples.tasks.AsyncGenerator.CampaignReport;
import dev.amanah.examples.tasks.AsyncGenerator.DonationReport;
import dev.amanah.examples.tasks.AsyncGenerator.SummaryReport;
import dev.amanah.examples.tasks.AsyncGenerator.ZakatReport;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.time.YearMonth;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class AsyncGeneratorTest {
    private static final Duration REPORT_TIME = Duration.ofMillis(300);
    private static final YearMonth MARCH = YearMonth.of(2025, 3);
    private static final AllReports EXPECTED = new AllReports(
            new ZakatReport(MARCH, Money.of("50000", "USD")),
            new DonationReport(MARCH, Money.of("100000", "USD")),
            new CampaignReport(MARCH, 25),
            new SummaryReport(MARCH, Money.of("150000", "USD")));

    /**
     * The four reports overlap if they take under four reports' time, which one after another
     * cannot; the bound is not two reports' time, which a loaded machine (CI, two cores) can miss
     * while they still overlap.
     */
    private static void assertOverlapped(Duration elapsed) {
        assertThat(elapsed).isGreaterThanOrEqualTo(REPORT_TIME).isLessThan(REPORT_TIME.multipliedBy(4));
    }

    private static Duration timed(Supplier<AllReports> generate, AllReports expected) {
        long start = System.nanoTime();
        var reports = generate.get();
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reports).isEqualTo(expected);
        return elapsed;
    }

    @Test
    void generatesTheFourReports() {
        var generator = new AsyncGenerator();
        assertThat(generator.generateAllReports(2025, 3)).isEqualTo(EXPECTED);
        assertThat(generator.generateAllReportsV2(2025, 3)).isEqualTo(EXPECTED);
        assertMailboxEmpty();
    }

    @Test
    void seedClaimFourReportsAwaitedOneByOneTakeAboutOneReportsTime() {
        var leaks = Leaks.baseline();
        var generator = new AsyncGenerator(REPORT_TIME);
        var elapsed = timed(() -> generator.generateAllReports(2025, 3), EXPECTED);
        assertOverlapped(elapsed);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void seedClaimFourReportsAwaitedTogetherTakeAboutOneReportsTime() {
        var leaks = Leaks.baseline();
        var generator = new AsyncGenerator(REPORT_TIME);
        var elapsed = timed(() -> generator.generateAllReportsV2(2025, 3), EXPECTED);
        assertOverlapped(elapsed);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }
}
