package dev.amanah.donations.report;

import dev.amanah.donations.rates.MissingRatesException;
import dev.amanah.donations.rates.RateFetcher;
import dev.amanah.finance.money.Conversion;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.task.YieldOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Builds a {@link MonthlyReport} the way the seed's {@code AsyncGenerator} meant to: the five
 * sections (totals, donors, refunds, distributions, ledger) run at the same time, each a task
 * under a {@link TaskSupervisor}, and are collected with {@code Task.yieldMany} under ONE timeout
 * for all of them; then, for the organisation, the rates of its currencies are fetched
 * concurrently ({@link RateFetcher}) within what is left of the same timeout.
 *
 * <p><b>What we fixed from the seed.</b> {@code generate_all_reports} awaited each task with its
 * own five minutes, so four slow sections could take twenty; and {@code Task.async} links the
 * tasks to the caller, so one crashing section killed the caller with a bare exit. Here one
 * deadline bounds the whole report, the tasks are {@code asyncNolink} (a failure is a result),
 * sections still running at the deadline are killed, and ANY failed or late section makes the
 * whole report fail with a {@link ReportException} naming that section: a report is complete or
 * there is none, never a silently partial one.
 *
 * <p>Must be called from a process (any thread calling the runtime becomes one), which owns the
 * tasks. Blocks for at most the timeout. Thread-safe if the source is.
 */
public final class ReportGenerator {
    private final ReportSource source;
    private final TaskSupervisor tasks;
    private final RateFetcher rates;
    private final Currency reportingCurrency;
    private final Clock clock;

    /**
     * @param source            where the sections come from
     * @param tasks             the supervisor the section tasks run under
     * @param rates             how rates are fetched for the organisation's reporting total
     * @param reportingCurrency the currency of the organisation's reporting total
     * @param clock             gives the generation time and, in its zone (the one the months are
     *                          counted in), today, the date of the rates of a month not yet over
     */
    public ReportGenerator(ReportSource source, TaskSupervisor tasks, RateFetcher rates, Currency reportingCurrency,
                           Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.reportingCurrency = Objects.requireNonNull(reportingCurrency, "reportingCurrency");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The report of {@code scope} for {@code month}, all of it within {@code timeout}. The
     * organisation's reporting total converts at the rates of the month's last day, or of today
     * for a month not yet over (a rate source has none of a later day).
     *
     * @throws ReportException naming the section that failed or did not finish in time
     * @throws dev.amanah.donations.store.StoreException {@code NOT_FOUND} for an unknown campaign (before any task starts)
     */
    public MonthlyReport generate(ReportScope scope, YearMonth month, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var title = source.title(scope);
        var generatedAt = clock.instant();
        var asOf = asOf(month);
        List<Named> sections = List.of(
                new Named("totals", () -> source.totals(scope, month)),
                new Named("donors", () -> source.donors(scope, month)),
                new Named("refunds", () -> source.refunds(scope, month)),
                new Named("distributions", () -> source.distributions(scope, month)),
                new Named("ledger", () -> source.ledger(scope, month)));
        var running = new ArrayList<Task<Section>>();
        for (var section : sections) {
            running.add(tasks.asyncNolink(section.work()));
        }
        var yielded = Task.yieldMany(running, YieldOptions.DEFAULT.withTimeout(timeout)
                .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        var results = new ArrayList<Section>();
        ReportException failure = null;
        for (int i = 0; i < sections.size(); i++) {
            var name = sections.get(i).name();
            switch (yielded.get(i).result().orElse(null)) {
                case null -> failure = failure != null ? failure
                        : new ReportException(name, "did not finish within " + timeout.toMillis() + " ms (the whole report's timeout)", null);
                case TaskResult.Exit<Section>(var reason) -> failure = failure != null ? failure
                        : new ReportException(name, describe(reason), cause(reason));
                case TaskResult.Ok<Section>(var section) -> results.add(section);
            }
        }
        if (failure != null) {
            throw failure;
        }
        var totals = (Section.Totals) results.get(0);
        Optional<ReportingTotal> reportingTotal = scope.campaignId().isPresent() ? Optional.empty()
                : Optional.of(reportingTotal(totals, asOf, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        return new MonthlyReport(scope, title, month, generatedAt, asOf, totals, (Section.Donors) results.get(1),
                (Section.Refunds) results.get(2), (Section.Distributions) results.get(3), (Section.Ledger) results.get(4),
                reportingTotal);
    }

    private ReportingTotal reportingTotal(Section.Totals totals, LocalDate asOf, Duration left) {
        var netByCurrency = new TreeMap<String, Money>();
        for (var line : totals.lines()) {
            netByCurrency.merge(line.currency().getCurrencyCode(), line.net(), Money::plus);
        }
        var own = netByCurrency.getOrDefault(reportingCurrency.getCurrencyCode(), Money.zero(reportingCurrency));
        var others = netByCurrency.values().stream().map(Money::currency).filter(c -> !c.equals(reportingCurrency)).toList();
        java.util.Map<Currency, ExchangeRate> fetched;
        try {
            fetched = rates.fetch(others, reportingCurrency, asOf, left);
        } catch (MissingRatesException e) {
            throw new ReportException("reporting total", e.getMessage(), e);
        }
        var conversions = new ArrayList<Conversion>();
        var total = own;
        for (var currency : others) {
            var conversion = fetched.get(currency).convert(netByCurrency.get(currency.getCurrencyCode()));
            conversions.add(conversion);
            total = total.plus(conversion.result());
        }
        return new ReportingTotal(own, conversions, total);
    }

    /**
     * The month's last day; for a month not yet over, today: the ledger holds nothing later, and no
     * rate of a later day exists yet.
     */
    private LocalDate asOf(YearMonth month) {
        var today = LocalDate.now(clock);
        return month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
    }

    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash(var exception) ? "failed: " + exception : "ended with " + reason;
    }

    private static Throwable cause(ExitReason reason) {
        return reason instanceof ExitReason.Crash(var exception) ? exception : null;
    }

    private record Named(String name, Callable<Section> work) {
    }
}
