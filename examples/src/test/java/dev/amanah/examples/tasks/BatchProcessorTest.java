package dev.amanah.examples.tasks;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.tasks.BatchProcessor.Donation;
import dev.amanah.examples.tasks.BatchProcessor.Processed;
import dev.amanah.examples.tasks.BatchProcessor.RateFailure;
import dev.amanah.examples.tasks.BatchProcessor.Transaction;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.testing.InProcess;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class BatchProcessorTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    /** Counts the calls in flight and remembers the most seen at once. */
    static final class HighWater {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int max() {
            return max.get();
        }
    }

    private static List<Donation> donations(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Donation("d-" + i, Money.of(i + ".00", "USD"))).toList();
    }

    @Test
    void verifiesEachDonationInInputOrderWithTheSeedsSimulation() {
        var donations = List.of(new Donation("d-1", Money.of("10", "USD")), new Donation("d-2", Money.of("0", "USD")),
                new Donation("d-3", Money.of("-5", "USD")));
        assertThat(new BatchProcessor().verifyDonations(donations)).containsExactly(
                Result.ok(donations.get(0)), Result.error(ExitReason.of("invalid_amount")),
                Result.error(ExitReason.of("invalid_amount")));
        assertMailboxEmpty();
    }

    @Test
    void seedClaimAtMostTenVerificationsRunAtOnce() throws Exception {
        var leaks = Leaks.baseline();
        var inFlight = new HighWater();
        // The first ten wait for each other, so ten do overlap; an eleventh at once would raise the mark.
        var firstTen = new CountDownLatch(BatchProcessor.VERIFY_CONCURRENCY);
        var processor = new BatchProcessor().withVerifier(donation -> {
            inFlight.enter();
            try {
                firstTen.countDown();
                assertThat(firstTen.await(5, TimeUnit.SECONDS)).isTrue();
                return Result.ok(donation);
            } finally {
                inFlight.leave();
            }
        }, LONG);
        var donations = donations(35);
        assertThat(processor.verifyDonations(donations)).isEqualTo(donations.stream().map(Result::ok).toList());
        assertThat(inFlight.max()).isEqualTo(BatchProcessor.VERIFY_CONCURRENCY);
        leaks.assertNoneLeft();
    }

    @Test
    void aSlowVerificationIsKilledAndReportedAsATimeout() {
        var leaks = Leaks.baseline();
        var processor = new BatchProcessor().withVerifier(donation -> {
            if (donation.id().equals("d-2")) {
                Processes.sleep(Processes.INFINITY);
            }
            return Result.ok(donation);
        }, Duration.ofMillis(100));
        var donations = donations(3);
        assertThat(processor.verifyDonations(donations)).containsExactly(Result.ok(donations.get(0)),
                Result.error(ExitReason.TIMEOUT), Result.ok(donations.get(2)));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void seedClaimTransactionsKeepInputOrderWhateverOrderTheyFinishIn() {
        var inFlight = new HighWater();
        var finished = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var processor = new BatchProcessor().withTransactionProcessor(transaction -> {
            inFlight.enter();
            try {
                // Earlier transactions are slower: they finish after later ones.
                int n = Integer.parseInt(transaction.id().substring(2));
                Processes.sleep(Duration.ofMillis(10L * (12 - n)));
                finished.add(transaction.id());
                return new Processed(transaction.id());
            } finally {
                inFlight.leave();
            }
        });
        var transactions = IntStream.rangeClosed(1, 12).mapToObj(i -> new Transaction("t-" + i)).toList();
        var results = processor.processTransactions(transactions);
        assertThat(results).isEqualTo(transactions.stream()
                .map(t -> (TaskResult<Processed>) new TaskResult.Ok<>(new Processed(t.id()))).toList());
        assertThat(List.copyOf(finished)).isNotEqualTo(transactions.stream().map(Transaction::id).toList());
        assertThat(inFlight.max()).isLessThanOrEqualTo(BatchProcessor.TRANSACTION_CONCURRENCY);
    }

    @Test
    void theSeedsSimulatedTransactionsAreProcessed() {
        var results = new BatchProcessor().processTransactions(List.of(new Transaction("t-1"), new Transaction("t-2")));
        assertThat(results).containsExactly(new TaskResult.Ok<>(new Processed("t-1")), new TaskResult.Ok<>(new Processed("t-2")));
    }

    @Test
    void everyCurrencyEndsUpWithARateOrAnExplicitFailure() {
        var leaks = Leaks.baseline();
        var eur = Currency.getInstance("EUR");
        var gbp = Currency.getInstance("GBP");
        var jpy = Currency.getInstance("JPY");
        var chf = Currency.getInstance("CHF");
        Map<Currency, AtomicInteger> attempts = new ConcurrentHashMap<>();
        var processor = new BatchProcessor().withRateSource(currency -> {
            int attempt = attempts.computeIfAbsent(currency, c -> new AtomicInteger()).incrementAndGet();
            if (currency.equals(jpy) || currency.equals(eur) && attempt < 3) {
                throw new IllegalStateException(currency + " unavailable, attempt " + attempt);
            }
            if (currency.equals(chf)) {
                Processes.sleep(Processes.INFINITY);
            }
            return new ExchangeRate(BatchProcessor.BASE, currency, new BigDecimal("0.8"), "test", Instant.EPOCH);
        }, Duration.ofMillis(500), Duration.ofMillis(10));

        var fetched = processor.fetchExchangeRates(List.of(eur, jpy, gbp, chf));

        assertThat(fetched.rates()).containsOnlyKeys(eur, gbp); // EUR on its third attempt
        assertThat(fetched.rates().get(eur).rate()).isEqualByComparingTo("0.8");
        assertThat(fetched.failures()).containsOnlyKeys(jpy, chf);
        assertThat(fetched.failures().get(jpy)).isInstanceOfSatisfying(RateFailure.Unavailable.class, failure -> {
            assertThat(failure.attempts()).isEqualTo(BatchProcessor.RATE_ATTEMPTS);
            assertThat(failure.lastError()).hasMessage("JPY unavailable, attempt 3");
        });
        assertThat(fetched.failures().get(chf)).isEqualTo(new RateFailure.TimedOut(Duration.ofMillis(500)));
        assertThat(attempts.get(jpy)).hasValue(3);
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void aRateForAnotherCurrencyThanAskedIsAFailedAttemptNotALostCurrency() {
        var eur = Currency.getInstance("EUR");
        var gbp = Currency.getInstance("GBP");
        // a source that answers GBP with a EUR quote: GBP was in neither map, EUR in the rates unasked
        var processor = new BatchProcessor().withRateSource(currency -> new ExchangeRate(BatchProcessor.BASE,
                eur, new BigDecimal("0.92"), "test", Instant.EPOCH), LONG, Duration.ofMillis(1));

        var fetched = processor.fetchExchangeRates(List.of(gbp));

        assertThat(fetched.rates()).isEmpty();
        assertThat(fetched.failures()).containsOnlyKeys(gbp);
        assertThat(fetched.failures().get(gbp)).isInstanceOfSatisfying(RateFailure.Unavailable.class,
                failure -> assertThat(failure.attempts()).isEqualTo(BatchProcessor.RATE_ATTEMPTS));
        assertMailboxEmpty();
    }

    @Test
    void theSeedsSimulatedRatesArePositiveExactAndSourced() {
        var currencies = List.of(Currency.getInstance("EUR"), Currency.getInstance("SAR"));
        var fetched = new BatchProcessor().fetchExchangeRates(currencies);
        assertThat(fetched.failures()).isEmpty();
        assertThat(fetched.rates()).containsOnlyKeys(currencies);
        assertThat(fetched.rates().values()).allSatisfy(rate -> {
            assertThat(rate.base()).isEqualTo(BatchProcessor.BASE);
            assertThat(rate.rate()).isPositive().isLessThanOrEqualTo(new BigDecimal("1.5"));
            assertThat(rate.source()).isEqualTo("simulated");
        });
    }
}
