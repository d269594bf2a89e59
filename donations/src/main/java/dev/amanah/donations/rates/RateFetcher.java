package dev.amanah.donations.rates;

import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Sleeper;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.task.YieldOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Fetches the rates of several currencies at once: one task per currency under a
 * {@link TaskSupervisor} ({@code asyncNolink}, so a crashing fetch is a result, not the caller's
 * death), all collected with {@code Task.yieldMany} within ONE timeout; a fetch still running
 * then is killed. A transient failure ({@link RateException#transientFailure()}) is retried
 * inside its task with exponential backoff and equal jitter ({@link RetryPolicy}: at most 3
 * attempts; the jitter is drawn from the policy's seed, the currency and the retry number).
 *
 * <p><b>What we fixed from the seed.</b> The seed's {@code fetch_exchange_rates} reduced the
 * {@code async_stream} results and simply skipped every {@code {:exit, _}}, so a failed currency
 * vanished from the map and its donations from any converted total, silently; it also slept a
 * fixed second between retries and retried every error alike. Here every requested currency has a
 * rate or the whole fetch fails with a {@link MissingRatesException} naming each missing currency
 * and date and why (missing at the source, unreachable after the retries, crashed, or timed out);
 * only transient failures are retried, with backoff and jitter.
 *
 * <p>Must be called from a process (any thread that calls the runtime becomes one): it owns the
 * tasks. Blocks for at most the timeout (plus the kill of late tasks). Thread-safe.
 */
public final class RateFetcher {
    private final RateProvider provider;
    private final TaskSupervisor tasks;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /**
     * @param provider where rates come from
     * @param tasks    the supervisor the fetch tasks run under
     * @param retry    attempts and backoff for transient failures
     * @param sleeper  how to wait between attempts ({@link Sleeper#PROCESS}; tests record instead)
     */
    public RateFetcher(RateProvider provider, TaskSupervisor tasks, RetryPolicy retry, Sleeper sleeper) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * The rate converting each currency of {@code from} into {@code to} on {@code date}, in the
     * order given.
     *
     * @throws MissingRatesException naming every currency without a rate, and why; never a partial map
     */
    public Map<Currency, ExchangeRate> fetch(Collection<Currency> from, Currency to, LocalDate date, Duration timeout) {
        var currencies = List.copyOf(new LinkedHashSet<>(from));
        var running = new ArrayList<Task<Outcome>>();
        for (var currency : currencies) {
            running.add(tasks.asyncNolink(() -> fetchWithRetries(currency, to, date)));
        }
        var yielded = Task.yieldMany(running, YieldOptions.DEFAULT.withTimeout(timeout)
                .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        var rates = new LinkedHashMap<Currency, ExchangeRate>();
        var problems = new ArrayList<String>();
        for (int i = 0; i < currencies.size(); i++) {
            var currency = currencies.get(i);
            var label = currency.getCurrencyCode() + "->" + to.getCurrencyCode() + " on " + date + ": ";
            switch (yielded.get(i).result().orElse(null)) {
                case null -> problems.add(label + "no answer within " + timeout.toMillis() + " ms");
                case TaskResult.Exit<Outcome>(var reason) -> problems.add(label + "the fetch crashed (" + describe(reason) + ")");
                case TaskResult.Ok<Outcome>(Got(var rate)) -> rates.put(currency, rate);
                case TaskResult.Ok<Outcome>(Failed(var why)) -> problems.add(label + why);
            }
        }
        if (!problems.isEmpty()) {
            throw new MissingRatesException(problems);
        }
        return rates;
    }

    private Outcome fetchWithRetries(Currency from, Currency to, LocalDate date) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Got(provider.rate(from, to, date));
            } catch (RateException e) {
                if (!e.transientFailure()) {
                    return new Failed(e.getMessage());
                }
                if (attempt >= retry.maxAttempts()) {
                    return new Failed(e.getMessage() + " (after " + attempt + " attempts)");
                }
                sleeper.sleep(backoff(from, attempt));
            }
        }
    }

    /** Equal jitter: half the exponential step fixed, the other half random. */
    Duration backoff(Currency currency, int retryNumber) {
        long step = retry.step(retryNumber).toNanos();
        long half = step / 2;
        var random = new SplittableRandom(retry.jitterSeed() ^ currency.getCurrencyCode().hashCode()
                ^ (retryNumber * 0x9E3779B97F4A7C15L));
        long jitter = step - half == 0 ? 0 : random.nextLong(step - half + 1);
        return Duration.ofNanos(half + jitter);
    }

    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash(var exception) ? exception.toString() : reason.toString();
    }

    /** What one fetch task concluded. */
    private sealed interface Outcome {
    }

    private record Got(ExchangeRate rate) implements Outcome {
    }

    private record Failed(String why) implements Outcome {
    }
}
