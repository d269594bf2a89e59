package dev.amanah.examples.tasks;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.Result;
import dev.amanah.examples.tasks.BatchProcessor.Donation;
import dev.amanah.examples.tasks.BatchProcessor.Processed;
import dev.amanah.examples.tasks.BatchProcessor.RateFailure;
import dev.amanah.examples.tasks.BatchProcessor.Transaction;
import dev.amanah.examples.testing.HeldItems;
import dev.amanah.examples.testing.Latches;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.testing.InProcess;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class BatchProcessorTest {
    private static final Duration LONG = Duration.ofSeconds(30);

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
    void seedClaimExactlyTenVerificationsRunAtOnceAndEachOneDoneLetsOneMoreStart() {
        var leaks = Leaks.baseline();
        var test = Processes.self();
        var processor = new BatchProcessor().withVerifier(donation -> Result.ok(HeldItems.hold(test, donation)), LONG);
        var donations = donations(12);
        var batch = Task.async(() -> processor.verifyDonations(donations));
        assertThat(HeldItems.assertAtMostAtOnce(BatchProcessor.VERIFY_CONCURRENCY, donations))
                .containsExactlyInAnyOrderElementsOf(donations);
        assertThat(batch.await(Duration.ofSeconds(5))).isEqualTo(donations.stream().map(Result::ok).toList());
        assertMailboxEmpty();
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
        }, Duration.ofSeconds(2));
        var donations = donations(3);
        assertThat(processor.verifyDonations(donations)).containsExactly(Result.ok(donations.get(0)),
                Result.error(ExitReason.TIMEOUT), Result.ok(donations.get(2)));
        assertMailboxEmpty();
        leaks.assertNoneLeft();
    }

    @Test
    void seedClaimTransactionsKeepInputOrderWhateverOrderTheyFinishIn() {
        // Each transaction but the last waits until the next one has finished: they finish last first.
        int n = BatchProcessor.TRANSACTION_CONCURRENCY;
        var finishedAfter = IntStream.rangeClosed(0, n).mapToObj(i -> new CountDownLatch(1)).toList();
        finishedAfter.get(n).countDown();
        var finished = new ConcurrentLinkedQueue<String>();
        var processor = new BatchProcessor().withTransactionProcessor(transaction -> {
            int i = Integer.parseInt(transaction.id().substring(2));
            if (!Latches.opens(finishedAfter.get(i))) {
                throw new IllegalStateException("t-" + (i + 1) + " did not finish before " + transaction.id());
            }
            finished.add(transaction.id());
            finishedAfter.get(i - 1).countDown();
            return new Processed(transaction.id());
        });
        var transactions = IntStream.rangeClosed(1, n).mapToObj(i -> new Transaction("t-" + i)).toList();
        var results = processor.processTransactions(transactions);
        assertThat(results).isEqualTo(transactions.stream()
                .map(t -> (TaskResult<Processed>) new TaskResult.Ok<>(new Processed(t.id()))).toList());
        assertThat(List.copyOf(finished)).isEqualTo(transactions.reversed().stream().map(Transaction::id).toList());
    }

    @Test
    void seedClaimExactlyFiveTransactionsRunAtOnceAndEachOneDoneLetsOneMoreStart() {
        var leaks = Leaks.baseline();
        var test = Processes.self();
        var processor = new BatchProcessor().withTransactionProcessor(
                transaction -> new Processed(HeldItems.hold(test, transaction.id())));
        var transactions = IntStream.rangeClosed(1, 12).mapToObj(i -> new Transaction("t-" + i)).toList();
        var ids = transactions.stream().map(Transaction::id).toList();
        var batch = Task.async(() -> processor.processTransactions(transactions));
        assertThat(HeldItems.assertAtMostAtOnce(BatchProcessor.TRANSACTION_CONCURRENCY, ids))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(batch.await(Duration.ofSeconds(5))).isEqualTo(transactions.stream()
                .map(t -> (TaskResult<Processed>) new TaskResult.Ok<>(new Processed(t.id()))).toList());
        assertMailboxEmpty();
        leaks.assertNoneLeft();
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
        }, Duration.ofSeconds(2), Duration.ofMillis(10));

        var fetched = processor.fetchExchangeRates(List.of(eur, jpy, gbp, chf));

        assertThat(fetched.rates()).containsOnlyKeys(eur, gbp); // EUR on its third attempt
        assertThat(fetched.rates().get(eur).rate()).isEqualByComparingTo("0.8");
        assertThat(fetched.failures()).containsOnlyKeys(jpy, chf);
        assertThat(fetched.failures().get(jpy)).isInstanceOfSatisfying(RateFailure.Unavailable.class, failure -> {
            assertThat(failure.attempts()).isEqualTo(BatchProcessor.RATE_ATTEMPTS);
            assertThat(failure.lastError()).hasMessage("JPY unavailable, attempt 3");
        });
        assertThat(fetched.failures().get(chf)).isEqualTo(new RateFailure.TimedOut(Duration.ofSeconds(2)));
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
