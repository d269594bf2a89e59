package dev.amanah.examples.tasks;

import dev.amanah.examples.Result;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskFunction;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.ZippedExit;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed's {@code FinancialDomain.Verification.BatchProcessor}: batches processed concurrently
 * with {@link Task#asyncStream}, with a bound on concurrency, a timeout per element and, where
 * asked, results in input order.
 *
 * <p>The seed's private simulations ({@code verify_single_donation} sleeping 100 ms,
 * {@code process_transaction} 50 ms, {@code fetch_exchange_rate} returning a random rate) are the
 * defaults; {@code with...} methods replace them, for tests.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>Amounts and rates are exact ({@link Money}, {@link ExchangeRate} with its source and time)
 *       instead of {@code :rand.uniform() * 1.5}.</li>
 *   <li>{@code fetch_exchange_rates} loses failures: a rate that still fails after three attempts
 *       is {@code {:error, {currency, reason}}}, which its reduce matches as
 *       {@code {:ok, {currency, rate}}} and stores under the key {@code :error} (each failure
 *       overwriting the previous one); a fetch that times out ends the caller (the default
 *       {@code on_timeout: :exit}) or, if it traps exits, is skipped without a word. Here
 *       {@link #fetchExchangeRates} returns the rates <em>and</em> a failure for every currency
 *       without one: {@link RateFailure.Unavailable} after the retries, {@link RateFailure.TimedOut}
 *       past the timeout ({@code KILL_TASK}, so one slow currency does not sink the others).</li>
 *   <li>{@code verify_donations} maps {@code {:exit, reason}} to an error, but a linked stream only
 *       emits that for a timeout (here as in Elixir): a verification that raises takes the caller
 *       down. That is kept (let it crash) and documented on {@link #verifyDonations}.</li>
 * </ul>
 */
public final class BatchProcessor {
    /** At most 10 verifications at once. */
    public static final int VERIFY_CONCURRENCY = 10;
    /** At most 5 transactions at once. */
    public static final int TRANSACTION_CONCURRENCY = 5;
    /** At most 3 rate fetches at once. */
    public static final int RATE_CONCURRENCY = 3;
    /** Attempts per rate: 3. */
    public static final int RATE_ATTEMPTS = 3;
    /** What the simulated rates are quoted against. */
    public static final Currency BASE = Currency.getInstance("USD");

    private final TaskFunction<Donation, Result<Donation>> verifier;
    private final TaskFunction<Transaction, Processed> processor;
    private final RateSource rateSource;
    private final Duration verifyTimeout;
    private final Duration rateTimeout;
    private final Duration retryDelay;

    /** A processor on the seed's simulations and timeouts (30 s per verification, 10 s per rate, 1 s between retries). */
    public BatchProcessor() {
        this(BatchProcessor::verifySingleDonation, BatchProcessor::processTransaction,
                BatchProcessor::fetchExchangeRate, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private BatchProcessor(TaskFunction<Donation, Result<Donation>> verifier, TaskFunction<Transaction, Processed> processor,
                           RateSource rateSource, Duration verifyTimeout, Duration rateTimeout, Duration retryDelay) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.rateSource = Objects.requireNonNull(rateSource, "rateSource");
        this.verifyTimeout = Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        this.rateTimeout = Objects.requireNonNull(rateTimeout, "rateTimeout");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
    }

    /** This processor verifying each donation with {@code newVerifier}, within {@code timeout}. */
    public BatchProcessor withVerifier(TaskFunction<Donation, Result<Donation>> newVerifier, Duration timeout) {
        return new BatchProcessor(newVerifier, processor, rateSource, timeout, rateTimeout, retryDelay);
    }

    /** This processor processing each transaction with {@code newProcessor}. */
    public BatchProcessor withTransactionProcessor(TaskFunction<Transaction, Processed> newProcessor) {
        return new BatchProcessor(verifier, newProcessor, rateSource, verifyTimeout, rateTimeout, retryDelay);
    }

    /** This processor fetching rates from {@code source}, each within {@code timeout}, retrying after {@code delay}. */
    public BatchProcessor withRateSource(RateSource source, Duration timeout, Duration delay) {
        return new BatchProcessor(verifier, processor, source, verifyTimeout, timeout, delay);
    }

    /** A donation to verify. */
    public record Donation(String id, Money amount) {
    }

    /** A transaction to process. */
    public record Transaction(String id) {
    }

    /** {@code {:processed, id}}. */
    public record Processed(String id) {
    }

    /**
     * Where rates come from: one call per attempt; throwing, or answering a rate that is not
     * {@link #BASE} to the currency asked, is a failed attempt.
     */
    @FunctionalInterface
    public interface RateSource {
        /** The rate of {@code quote} against {@link #BASE}. */
        ExchangeRate fetch(Currency quote) throws Exception;
    }

    /** Why a currency has no rate in {@link ExchangeRates}. */
    public sealed interface RateFailure {
        /** Every attempt failed; {@code lastError} is the last attempt's. */
        record Unavailable(int attempts, Exception lastError) implements RateFailure {
        }

        /** The fetch (retries included) ran past its timeout and was killed. */
        record TimedOut(Duration timeout) implements RateFailure {
        }
    }

    /**
     * The outcome of {@link #fetchExchangeRates}: every requested currency is in exactly one of
     * the two maps, both in request order.
     */
    public record ExchangeRates(Map<Currency, ExchangeRate> rates, Map<Currency, RateFailure> failures) {
        public ExchangeRates {
            rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
            failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }
    }

    /**
     * Verifies {@code donations} with at most {@link #VERIFY_CONCURRENCY} verifications at once,
     * each within the verification timeout (30 s), a slow one being killed; returns, in input
     * order, {@code Ok(donation)}, {@code Error(invalid_amount)} or {@code Error(timeout)}. A
     * verification that throws crashes its task, which takes the caller down (the tasks are linked
     * to it), as in Elixir; use {@code TaskSupervisor.asyncStreamNolink} to get such crashes as
     * results instead.
     */
    public List<Result<Donation>> verifyDonations(List<Donation> donations) {
        var options = StreamOptions.DEFAULT
                .withMaxConcurrency(VERIFY_CONCURRENCY) // Max 10 concurrent verifications
                .withTimeout(verifyTimeout)             // 30s timeout per donation
                .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK); // Kill slow tasks
        try (var results = Task.asyncStream(donations, verifier, options)) {
            return results.map(result -> switch (result) {
                case TaskResult.Ok<Result<Donation>>(var verification) -> verification;
                case TaskResult.Exit<Result<Donation>>(var reason) -> Result.<Donation>error(reason);
            }).toList();
        }
    }

    /**
     * Processes {@code transactions} with at most {@link #TRANSACTION_CONCURRENCY} at once; the
     * results are in input order whatever order they finish in ({@code ordered}, the default,
     * spelled out as in the seed). A transaction may take 5 s (the default timeout); a slower one
     * ends the caller.
     */
    public List<TaskResult<Processed>> processTransactions(List<Transaction> transactions) {
        var options = StreamOptions.DEFAULT
                .withMaxConcurrency(TRANSACTION_CONCURRENCY)
                .withOrdered(true); // Maintain input order
        try (var results = Task.asyncStream(transactions, processor, options)) {
            // Results in same order as input
            return results.toList();
        }
    }

    /**
     * Fetches the rate of each of {@code currencies} against {@link #BASE}, at most
     * {@link #RATE_CONCURRENCY} at once, each with up to {@link #RATE_ATTEMPTS} attempts a retry
     * delay apart (1 s) and within the rate timeout (10 s) in all. Never loses a currency: each is
     * either in {@link ExchangeRates#rates()} or, with the reason, in
     * {@link ExchangeRates#failures()}.
     */
    public ExchangeRates fetchExchangeRates(List<Currency> currencies) {
        var options = StreamOptions.DEFAULT
                .withMaxConcurrency(RATE_CONCURRENCY)
                .withTimeout(rateTimeout)
                .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK)
                .withZipInputOnExit(true);
        var rates = new LinkedHashMap<Currency, ExchangeRate>();
        var failures = new LinkedHashMap<Currency, RateFailure>();
        try (var results = Task.asyncStream(currencies, (Currency currency) -> fetchRateWithRetry(currency, RATE_ATTEMPTS), options)) {
            results.forEachOrdered(result -> {
                switch (result) {
                    case TaskResult.Ok<RateFetch>(RateFetch.Fetched(var rate)) -> rates.put(rate.quote(), rate);
                    case TaskResult.Ok<RateFetch>(RateFetch.Failed(var currency, var failure)) -> failures.put(currency, failure);
                    case TaskResult.Exit<RateFetch>(ExitReason.Term(ZippedExit(Currency currency, var cause)))
                            when cause.equals(ExitReason.TIMEOUT) -> failures.put(currency, new RateFailure.TimedOut(rateTimeout));
                    // Only a timeout reaches here: a crash would have ended the caller through the link.
                    case TaskResult.Exit<RateFetch>(var reason) ->
                            throw new IllegalStateException("unexpected end of a rate fetch: " + reason);
                }
            });
        }
        return new ExchangeRates(rates, failures);
    }

    /** The outcome of one currency's fetch, retries included. */
    private sealed interface RateFetch {
        record Fetched(ExchangeRate rate) implements RateFetch {
        }

        record Failed(Currency currency, RateFailure failure) implements RateFetch {
        }
    }

    private RateFetch fetchRateWithRetry(Currency currency, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                var rate = rateSource.fetch(currency);
                // A rate for another pair would be filed under its own quote: the asked currency lost.
                if (!rate.base().equals(BASE) || !rate.quote().equals(currency)) {
                    throw new IllegalStateException("asked " + BASE + "/" + currency + ", got " + rate.base() + "/"
                            + rate.quote());
                }
                return new RateFetch.Fetched(rate);
            } catch (Exception error) {
                if (attempt >= attempts) {
                    return new RateFetch.Failed(currency, new RateFailure.Unavailable(attempts, error));
                }
                Processes.sleep(retryDelay);
            }
        }
    }

    // ---- the seed's simulations ----

    private static Result<Donation> verifySingleDonation(Donation donation) {
        // Simulate external verification
        Processes.sleep(Duration.ofMillis(100));
        return donation.amount().signum() > 0 ? Result.ok(donation) : Result.error(ExitReason.of("invalid_amount"));
    }

    private static Processed processTransaction(Transaction transaction) {
        // Simulate processing
        Processes.sleep(Duration.ofMillis(50));
        return new Processed(transaction.id());
    }

    private static ExchangeRate fetchExchangeRate(Currency currency) {
        // Simulate API call: a rate in (0, 1.5], exact to six places
        var rate = BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(1, 1_500_001), 6);
        return new ExchangeRate(BASE, currency, rate, "simulated", Instant.now());
    }
}
