package dev.amanah.donations.cli;

import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Sleeper;
import dev.amanah.donations.rates.RateFetcher;
import dev.amanah.donations.report.CsvReportWriter;
import dev.amanah.donations.report.DatabaseReportSource;
import dev.amanah.donations.report.MonthlyReport;
import dev.amanah.donations.report.PdfReportWriter;
import dev.amanah.donations.report.ReportException;
import dev.amanah.donations.report.ReportGenerator;
import dev.amanah.donations.report.ReportScope;
import dev.amanah.donations.store.StoreException;
import dev.amanah.finance.money.Currencies;
import dev.amanah.otp.task.TaskSupervisor;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amanah report --month 2026-11 [--campaign ID] [--format pdf|csv] [--out DIR]}: the monthly
 * report of the organisation (with its net donations converted into {@code --currency}) or of one
 * campaign, from the configured database ({@link ReportGenerator}: sections in parallel, one
 * timeout). It converts at the rates of {@code --rates-file}, else of the configuration's
 * {@code fraud.ratesFile}, else the bundled ones, or with {@code --rates ecb} the ECB's, and says
 * which ({@link ReportRates}). Prints what it wrote. Exit codes: 0 written; 3 written, but the ledger does not
 * balance (also printed on standard error); 2 bad input (unknown campaign, bad month, a rates file that
 * cannot be read or has a bad row); 1 a section
 * failed or timed out, or a rate is missing (the error names it; nothing is written).
 */
@Command(name = "report", description = "Write the monthly report of the organisation or of one campaign (PDF with a chart, or CSV).")
final class ReportCommand implements Callable<Integer> {
    /** Exit code of a report written about a ledger that does not balance. */
    static final int LEDGER_UNBALANCED = 3;

    /** Output formats. */
    enum Format { pdf, csv }

    /** Where rates come from. */
    enum Rates { file, ecb }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    // Text, parsed in call(): a picocli conversion error named java.time.YearMonth and its parser.
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11, in receipts.zone (the zone receipts are dated in).")
    String monthText;

    @Option(names = "--campaign", paramLabel = "ID", description = "One campaign's report instead of the organisation's.")
    String campaign;

    @Option(names = "--format", defaultValue = "pdf", paramLabel = "pdf|csv", description = "pdf (default) or csv (one RFC 4180 file per section).")
    Format format;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR", description = "Where to write (default: ./reports).")
    Path out;

    @Option(names = "--currency", defaultValue = "GBP", paramLabel = "CODE",
            description = "The organisation report's reporting currency (default GBP).")
    String currency;

    @Option(names = "--rates", defaultValue = "file", paramLabel = "file|ecb",
            description = "file (default: --rates-file, else fraud.ratesFile of the configuration, else the bundled rates) or ecb (the ECB's daily feed).")
    Rates rates;

    @Option(names = "--rates-file", paramLabel = "FILE",
            description = "A rates file (date,currency,per_eur) to convert at (default: fraud.ratesFile of the configuration, or the bundled one when that is empty).")
    Path ratesFile;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "The whole report's timeout (default 60).")
    int timeoutSeconds;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
    Path config;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    ReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var stdout = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (timeoutSeconds < 1) {
            err.println("amanah report: INVALID_VALUE --timeout: must be at least 1 second, was " + timeoutSeconds);
            err.flush();
            return Amanah.BAD_INPUT;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(monthText);
        } catch (DateTimeParseException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--month", "'" + monthText + "' is not a month like 2026-11");
        }
        InputException.directory("--out", out);
        if (rates == Rates.ecb && ratesFile != null) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--rates-file",
                    "read with --rates file only; --rates ecb fetches the ECB's daily feed. Give one of the two");
        }
        var reporting = Currencies.paymentCurrency(currency, "--currency");
        var scope = campaign == null ? ReportScope.organisation() : ReportScope.campaign(campaign);
        var settings = ConfiguredStore.config(config); // a bad file is refused before anything starts
        var file = rates == Rates.file ? ReportRates.file(ratesFile, settings.fraud().rates()) : null; // likewise
        var tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
        try (var store = ConfiguredStore.open(settings); var http = HttpClient.newHttpClient()) {
            var used = switch (rates) {
                case file -> file;
                case ecb -> ReportRates.ecb(http);
            };
            var fetcher = new RateFetcher(used.provider(), tasks, RetryPolicy.DEFAULT, Sleeper.PROCESS);
            var generator = new ReportGenerator(new DatabaseReportSource(store, settings.receipts().zone()), tasks, fetcher, reporting,
                    clock.withZone(settings.receipts().zone()));
            var report = generator.generate(scope, month, Duration.ofSeconds(timeoutSeconds));
            var written = write(report);
            summary(report, used, written).forEach(stdout::println);
            stdout.flush();
            if (!report.ledger().balanced()) {
                err.println("amanah report: LEDGER_UNBALANCED the ledger does not balance at the end of " + month
                        + "; the report was written and says so on its first page");
                err.flush();
                return LEDGER_UNBALANCED;
            }
            return 0;
        } catch (StoreException e) {
            if (e.code() != StoreException.Code.NOT_FOUND) {
                throw e;
            }
            err.println("amanah report: CAMPAIGN_NOT_FOUND --campaign: " + e.getMessage());
            err.flush();
            return Amanah.BAD_INPUT;
        } catch (ReportException e) {
            err.println("amanah report: " + e.getMessage() + "; no report written");
            err.flush();
            return 1;
        } finally {
            tasks.stop();
        }
    }

    /**
     * Writes the report into {@code --out}.
     *
     * @throws InputException {@code UNWRITABLE_OUTPUT} for {@code --out} if it cannot be created or written
     */
    private List<Path> write(MonthlyReport report) {
        try {
            return switch (format) {
                case csv -> CsvReportWriter.write(report, out);
                case pdf -> {
                    var file = out.resolve(report.month() + "-" + report.scope().slug() + ".pdf");
                    PdfReportWriter.write(report, file);
                    yield List.of(file);
                }
            };
        } catch (UncheckedIOException e) {
            throw InputException.unwritable("--out", out, e.getCause());
        }
    }

    private static List<String> summary(MonthlyReport report, ReportRates rates, List<Path> written) {
        var lines = new ArrayList<String>();
        lines.add("amanah report: " + report.month() + ", " + report.title() + ": "
                + report.donors().donations() + " donations from " + report.donors().donors() + " donors; ledger "
                + (report.ledger().balanced() ? "balanced" : "DOES NOT BALANCE"));
        for (var line : report.totals().lines()) {
            lines.add("  " + line.fund() + " " + line.currency().getCurrencyCode() + ": net " + line.net().amount().toPlainString());
        }
        report.reportingTotal().ifPresent(total -> {
            lines.add("  total " + total.total());
            for (var c : total.conversions()) {
                lines.add("    " + c.from() + " at " + c.rate().rate().toPlainString() + " (" + c.rate().source() + ") = " + c.result());
            }
            lines.add("  rates: " + rates.description());
        });
        written.forEach(p -> lines.add("  wrote " + p));
        return lines;
    }
}
