package dev.amanah.examples.tasks;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * The seed's {@code FinancialDomain.Reports.AsyncGenerator}: four monthly reports generated
 * concurrently with {@link Task#async}, collected with {@link Task#await(Duration)} one by one or
 * with {@link Task#awaitMany(List, Duration)} at once. Four reports that each take time
 * {@code t} are ready after about {@code t}, not {@code 4t}.
 *
 * <p>The seed's report stubs return at once; here each takes {@link #reportTime()} (zero by
 * default) so that the concurrency can be seen and tested. Changed from the seed: the totals are
 * exact {@link Money} rather than integers of no currency.
 */
public final class AsyncGenerator {
    /** How long the seed waits for each report: 5 minutes. */
    public static final Duration REPORT_TIMEOUT = Duration.ofMinutes(5);

    private final Duration reportTime;

    /** A generator whose reports are ready at once, as the seed's stubs. */
    public AsyncGenerator() {
        this(Duration.ZERO);
    }

    /** A generator whose every report takes {@code reportTime} to produce (simulated work). */
    public AsyncGenerator(Duration reportTime) {
        this.reportTime = Objects.requireNonNull(reportTime, "reportTime");
    }

    /** The simulated time each report takes. */
    public Duration reportTime() {
        return reportTime;
    }

    /** One of the four reports. */
    public sealed interface Report permits ZakatReport, DonationReport, CampaignReport, SummaryReport {
    }

    /** {@code %{type: :zakat, total: 50000}}. */
    public record ZakatReport(YearMonth period, Money total) implements Report {
    }

    /** {@code %{type: :donation, total: 100000}}. */
    public record DonationReport(YearMonth period, Money total) implements Report {
    }

    /** {@code %{type: :campaign, count: 25}}. */
    public record CampaignReport(YearMonth period, int count) implements Report {
    }

    /** {@code %{type: :summary, revenue: 150000}}. */
    public record SummaryReport(YearMonth period, Money revenue) implements Report {
    }

    /** The combined result: {@code %{zakat: ..., donations: ..., campaigns: ..., summary: ...}}. */
    public record AllReports(ZakatReport zakat, DonationReport donations, CampaignReport campaigns,
                             SummaryReport summary) {
    }

    /**
     * Starts the four reports as linked tasks, then awaits each for up to
     * {@link #REPORT_TIMEOUT}. A report that crashes takes the caller down with it (the tasks are
     * linked), and a report still missing after the timeout exits the caller with
     * {@code InCall(timeout, "Task", "await", ...)}: the seed's semantics.
     */
    public AllReports generateAllReports(int year, int month) {
        // Start all tasks concurrently
        var zakatTask = Task.async(() -> generateZakatReport(year, month));
        var donationTask = Task.async(() -> generateDonationReport(year, month));
        var campaignTask = Task.async(() -> generateCampaignReport(year, month));
        var summaryTask = Task.async(() -> generateSummaryReport(year, month));

        // Wait for all results
        var zakatReport = zakatTask.await(REPORT_TIMEOUT);
        var donationReport = donationTask.await(REPORT_TIMEOUT);
        var campaignReport = campaignTask.await(REPORT_TIMEOUT);
        var summaryReport = summaryTask.await(REPORT_TIMEOUT);

        // Combine results
        return new AllReports(zakatReport, donationReport, campaignReport, summaryReport);
    }

    /**
     * The same with a single {@link Task#awaitMany(List, Duration)}: one deadline of
     * {@link #REPORT_TIMEOUT} for all four, results in the order of the tasks.
     */
    public AllReports generateAllReportsV2(int year, int month) {
        List<Task<? extends Report>> tasks = List.of(
                Task.async(() -> generateZakatReport(year, month)),
                Task.async(() -> generateDonationReport(year, month)),
                Task.async(() -> generateCampaignReport(year, month)),
                Task.async(() -> generateSummaryReport(year, month)));

        // Wait for all tasks with single call
        List<Report> reports = Task.awaitMany(tasks, REPORT_TIMEOUT);
        return new AllReports((ZakatReport) reports.get(0), (DonationReport) reports.get(1),
                (CampaignReport) reports.get(2), (SummaryReport) reports.get(3));
    }

    private ZakatReport generateZakatReport(int year, int month) {
        work();
        return new ZakatReport(YearMonth.of(year, month), Money.of("50000", "USD"));
    }

    private DonationReport generateDonationReport(int year, int month) {
        work();
        return new DonationReport(YearMonth.of(year, month), Money.of("100000", "USD"));
    }

    private CampaignReport generateCampaignReport(int year, int month) {
        work();
        return new CampaignReport(YearMonth.of(year, month), 25);
    }

    private SummaryReport generateSummaryReport(int year, int month) {
        work();
        return new SummaryReport(YearMonth.of(year, month), Money.of("150000", "USD"));
    }

    private void work() {
        if (!reportTime.isZero()) {
            Processes.sleep(reportTime);
        }
    }
}
